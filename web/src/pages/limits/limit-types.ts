// Shapes of /api/limits/keys/{id} and /api/limits/routes/{name} that the Limits page reads.

export interface Limits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  budgetUsd?: number;
  budgetPeriod: string;
}

export interface LimitUsage {
  scope: { kind: string; id: string };
  requests: { used: number; limit: number | null; resetAt: string };
  tokens: { used: number; reserved: number; limit: number | null; remaining: number | null; resetAt: string };
  /** `used` is settled spend; `reserved` the worst cases of calls in flight; remaining = limit − used − reserved. */
  spendUsd: { used: number; reserved: number; limit: number | null; remaining: number | null; period: string; resetAt: string };
}

export interface LimitsAnswer {
  limits: Limits;
  /** Keys only: whether the key has its own limits (else the server's default applies). */
  override?: boolean;
  usage: LimitUsage;
}

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
