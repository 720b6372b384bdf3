// What the Limits page shows of /api/limits/keys/{id} and /api/limits/routes/{name} (the SDK's
// shapes: a route's answer, and a key's with `override`).
import type { KeyLimits, RouteLimits } from '../../api/api-types';

/** Either answer; `override` (keys only) says whether the key has its own limits (else the server's default applies). */
export type LimitsAnswer = RouteLimits & Partial<Pick<KeyLimits, 'override'>>;

/** One line of the page: a key or a route with what applies to it and what it used. */
export interface LimitRow extends LimitsAnswer {
  kind: 'key' | 'route';
  id: string;
  name: string;
}

/** Whether any limit applies (a budget period alone limits nothing). */
export function hasLimits(row: LimitsAnswer): boolean {
  const { requestsPerMinute, tokensPerMinute, budgetUsd } = row.limits;
  return requestsPerMinute !== undefined || tokensPerMinute !== undefined || budgetUsd !== undefined;
}
