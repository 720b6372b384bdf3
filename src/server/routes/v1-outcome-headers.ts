// The headers a /v1 answer carries for a call's typed outcome — x-ratelimit-* for the limits it was
// admitted under (or refused by), x-steward-cache, and Deprecation/Sunset/Link for a model being
// retired — and the client's cache wish read from its request headers. Only here are they named.
import type { CacheDirective, CallOutcome, DeprecationNotice, LimitStatus } from '../../gateway/index.js';
import { formatReset } from '../../gateway/index.js';

export const CACHE_HEADER = 'x-steward-cache';

/** `x-steward-cache: bypass` or `cache-control: no-cache`/`no-store` skip the response cache. */
export function cacheDirective(headers: Record<string, string | string[] | undefined>): CacheDirective {
  const steward = headers[CACHE_HEADER];
  if (typeof steward === 'string' && steward.toLowerCase() === 'bypass') return 'bypass';
  const control = headers['cache-control'];
  if (typeof control === 'string' && /\bno-(cache|store)\b/i.test(control)) return 'bypass';
  return 'default';
}

/** OpenAI's x-ratelimit-* headers (and Steward's budget ones) for a limit status. */
export function limitHeaders(status: LimitStatus, into: Record<string, string> = {}): Record<string, string> {
  if (status.requests) {
    into['x-ratelimit-limit-requests'] = String(status.requests.limit);
    into['x-ratelimit-remaining-requests'] = String(status.requests.remaining);
    into['x-ratelimit-reset-requests'] = formatReset(status.requests.resetMs);
  }
  if (status.tokens) {
    into['x-ratelimit-limit-tokens'] = String(status.tokens.limit);
    into['x-ratelimit-remaining-tokens'] = String(status.tokens.remaining);
    into['x-ratelimit-reset-tokens'] = formatReset(status.tokens.resetMs);
  }
  if (status.budgetUsd) {
    into['x-ratelimit-limit-budget-usd'] = String(status.budgetUsd.limit);
    into['x-ratelimit-remaining-budget-usd'] = String(status.budgetUsd.remaining);
    into['x-ratelimit-reset-budget'] = formatReset(status.budgetUsd.resetMs);
  }
  return into;
}

/** RFC 9745 Deprecation, RFC 8594 Sunset, and the successor as a Link. */
function deprecationHeaders(notice: DeprecationNotice, into: Record<string, string>): void {
  into.deprecation = notice.deprecatedAt === null ? 'true' : `@${Math.floor(notice.deprecatedAt / 1000)}`;
  if (notice.sunsetAt !== undefined) into.sunset = new Date(notice.sunsetAt).toUTCString();
  if (notice.replacement) into.link = `<${notice.replacement}>; rel="successor-version"`;
}

/** Every header of a call's outcome (an empty object when there is nothing to announce). */
export function outcomeHeaders(outcome: CallOutcome): Record<string, string> {
  const headers: Record<string, string> = {};
  if (outcome.deprecation) deprecationHeaders(outcome.deprecation, headers);
  if (outcome.limits) limitHeaders(outcome.limits, headers);
  if (outcome.cache) headers[CACHE_HEADER] = outcome.cache;
  return headers;
}
