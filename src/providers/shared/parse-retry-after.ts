// Reads how long an upstream asks us to wait: `retry-after-ms` (OpenAI, Azure), then `retry-after`
// as seconds or as an HTTP date.

/** Response headers as undici's dispatcher gives them: lower-case names. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

function header(headers: Headers | ResponseHeaders, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : value;
}

/** Seconds to wait from the response headers, or undefined when the upstream says nothing usable. */
export function parseRetryAfter(headers: Headers | ResponseHeaders, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms) / 1000;
  const value = header(headers, 'retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
