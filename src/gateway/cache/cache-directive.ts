// Reads the client's cache wishes: `x-steward-cache: bypass` or `cache-control: no-cache`/`no-store`.

export type CacheDirective = 'default' | 'bypass';

export function cacheDirective(headers: Record<string, string | string[] | undefined>): CacheDirective {
  const steward = headers['x-steward-cache'];
  if (typeof steward === 'string' && steward.toLowerCase() === 'bypass') return 'bypass';
  const control = headers['cache-control'];
  if (typeof control === 'string' && /\bno-(cache|store)\b/i.test(control)) return 'bypass';
  return 'default';
}
