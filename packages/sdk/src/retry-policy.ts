// Retries of answers that say "not now" (429, 503): after the server's `retry-after` when it sends
// one, else a doubling back-off; bounded in count and in the longest wait.
import { type Sleep, abortableSleep } from './sleep.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  maxRetries?: number;
  /** The wait before the first retry when the server sends no `retry-after`, doubled each time (default 500 ms). */
  baseDelayMs?: number;
  /** The longest wait accepted: a `retry-after` beyond it is not waited for and the 429/503 is thrown (default 60 s, the longest a per-minute limit asks for). */
  maxDelayMs?: number;
  /** Statuses retried (default 429 and 503). */
  statuses?: readonly number[];
}

export const DEFAULT_RETRY = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 60_000, statuses: [429, 503] } as const satisfies Required<RetryOptions>;

/**
 * `retry-after` in milliseconds: delta-seconds (`"2"`, `"0.5"`) or an HTTP date; `undefined` when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryingFetchOptions {
  fetch: (request: Request) => Promise<Response>;
  retry: RetryOptions | false;
  sleep?: Sleep;
  now?: () => number;
}

/** A fetch that sends a request again (a fresh copy, same body and signal) while the policy allows. */
export function retryingFetch(options: RetryingFetchOptions): (request: Request) => Promise<Response> {
  const policy = { ...DEFAULT_RETRY, ...(options.retry === false ? { maxRetries: 0 } : options.retry) };
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      // The body of a sent request is consumed: keep a copy for the next attempt.
      const spare = attempt < policy.maxRetries ? request.clone() : undefined;
      const response = await options.fetch(request);
      if (spare === undefined || !policy.statuses.includes(response.status)) return response;
      const wait = parseRetryAfter(response.headers.get('retry-after'), now()) ?? policy.baseDelayMs * 2 ** attempt;
      if (wait > policy.maxDelayMs) return response;
      // Free the connection before waiting.
      await response.body?.cancel().catch(() => {});
      await sleep(wait, request.signal);
      request = spare;
    }
  };
}
