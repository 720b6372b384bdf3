// The cache key of a request: a hash of the route (name and revision) and the request with its keys
// sorted and the fields that do not change the answer (stream, stream_options, user) left out.
import { createHash } from 'node:crypto';

const IGNORED = new Set(['stream', 'stream_options', 'user', 'metadata']);

function canonical(value: unknown, top: boolean): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, false)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => v !== undefined && !(top && IGNORED.has(key)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonical(v, false)}`).join(',')}}`;
}

/** A stable key for an endpoint, a route version and a request. */
export function cacheKey(endpoint: string, scope: string, request: unknown): string {
  return createHash('sha256').update(endpoint).update('\n').update(scope).update('\n').update(canonical(request, true)).digest('base64url');
}
