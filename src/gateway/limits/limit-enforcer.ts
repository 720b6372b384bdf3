// Admission and accounting for request rates, token rates and spend budgets, per key and per route,
// on one set of counters: the same numbers refuse a request and report usage.
import { StewardError } from '../../errors/index.js';
import type { RouteLimits } from '../routes/route-config.js';
import type { CounterStore } from './counter-store.js';
import { type Window, minuteWindow, periodWindow } from './limit-windows.js';

/** Whose limits: a key or a route. */
export interface LimitScope {
  kind: 'key' | 'route';
  id: string;
  limits: RouteLimits;
}

export interface LimitUsage {
  scope: { kind: 'key' | 'route'; id: string };
  requests: { used: number; limit: number | null; resetAt: string };
  tokens: { used: number; limit: number | null; resetAt: string };
  spendUsd: { used: number; limit: number | null; period: string; resetAt: string };
}

function counterKey(scope: { kind: string; id: string }, what: string, window: Window): string {
  return `${scope.kind}:${scope.id}:${what}:${window.id}`;
}

/** OpenAI's reset format: `1s`, `6m0s`, `1h2m3s`. */
export function formatReset(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

export class LimitEnforcer {
  readonly #counters: CounterStore;

  constructor(counters: CounterStore) {
    this.#counters = counters;
  }

  /**
   * Counts the request against every scope and refuses it when a limit is reached.
   * Returns the rate-limit headers of the tightest scope (empty when no limit applies).
   * @throws StewardError RATE_LIMITED or BUDGET_EXCEEDED (429) with retry-after and the x-ratelimit headers in details.
   */
  async admit(scopes: readonly LimitScope[], now = Date.now()): Promise<Record<string, string>> {
    const minute = minuteWindow(now);
    let headers: Record<string, string> = {};
    let tightest = Number.POSITIVE_INFINITY;
    const counted: string[] = [];
    const refuse = async (error: StewardError): Promise<never> => {
      await Promise.all(counted.map((key) => this.#counters.add(key, -1, minute.resetAt)));
      throw error;
    };
    for (const scope of scopes) {
      const { limits } = scope;
      const reset = formatReset(minute.resetAt - now);
      let requestsRemaining: number | undefined;
      if (limits.requestsPerMinute !== undefined) {
        const key = counterKey(scope, 'req', minute);
        const used = await this.#counters.add(key, 1, minute.resetAt);
        counted.push(key);
        requestsRemaining = limits.requestsPerMinute - used;
        if (used > limits.requestsPerMinute) {
          await refuse(this.#limited('RATE_LIMITED', scope, `${scope.kind} ${scope.id} reached ${limits.requestsPerMinute} requests per minute`, minute.resetAt - now, {
            'x-ratelimit-limit-requests': String(limits.requestsPerMinute),
            'x-ratelimit-remaining-requests': '0',
            'x-ratelimit-reset-requests': reset,
          }));
        }
      }
      let tokensRemaining: number | undefined;
      if (limits.tokensPerMinute !== undefined) {
        const used = await this.#counters.get(counterKey(scope, 'tok', minute));
        tokensRemaining = Math.max(0, limits.tokensPerMinute - used);
        if (used >= limits.tokensPerMinute) {
          await refuse(this.#limited('RATE_LIMITED', scope, `${scope.kind} ${scope.id} reached ${limits.tokensPerMinute} tokens per minute`, minute.resetAt - now, {
            'x-ratelimit-limit-tokens': String(limits.tokensPerMinute),
            'x-ratelimit-remaining-tokens': '0',
            'x-ratelimit-reset-tokens': reset,
          }));
        }
      }
      if (limits.budgetUsd !== undefined) {
        const period = periodWindow(limits.budgetPeriod, now);
        const spent = await this.#counters.get(counterKey(scope, 'usd', period));
        if (spent >= limits.budgetUsd) {
          await refuse(this.#limited('BUDGET_EXCEEDED', scope, `${scope.kind} ${scope.id} spent its budget of $${limits.budgetUsd} per ${limits.budgetPeriod}`, period.resetAt - now, {
            'x-ratelimit-limit-budget-usd': String(limits.budgetUsd),
            'x-ratelimit-remaining-budget-usd': '0',
            'x-ratelimit-reset-budget': formatReset(period.resetAt - now),
          }));
        }
      }
      const remaining = Math.min(requestsRemaining ?? Number.POSITIVE_INFINITY, tokensRemaining ?? Number.POSITIVE_INFINITY);
      if (remaining < tightest) {
        tightest = remaining;
        headers = {};
        if (requestsRemaining !== undefined && limits.requestsPerMinute !== undefined) {
          headers['x-ratelimit-limit-requests'] = String(limits.requestsPerMinute);
          headers['x-ratelimit-remaining-requests'] = String(Math.max(0, requestsRemaining));
          headers['x-ratelimit-reset-requests'] = reset;
        }
        if (tokensRemaining !== undefined && limits.tokensPerMinute !== undefined) {
          headers['x-ratelimit-limit-tokens'] = String(limits.tokensPerMinute);
          headers['x-ratelimit-remaining-tokens'] = String(tokensRemaining);
          headers['x-ratelimit-reset-tokens'] = reset;
        }
      }
    }
    return headers;
  }

  /** Adds a finished request's tokens and cost to every scope (limited or not: usage reports read them too). */
  async record(scopes: readonly LimitScope[], tokens: number, costUsd: number, now = Date.now()): Promise<void> {
    const minute = minuteWindow(now);
    const work: Promise<number>[] = [];
    for (const scope of scopes) {
      if (tokens > 0) work.push(this.#counters.add(counterKey(scope, 'tok', minute), tokens, minute.resetAt));
      if (costUsd > 0) {
        const period = periodWindow(scope.limits.budgetPeriod, now);
        work.push(this.#counters.add(counterKey(scope, 'usd', period), costUsd, period.resetAt));
      }
    }
    await Promise.all(work);
  }

  /** What a scope has used in its current windows. */
  async usage(scope: LimitScope, now = Date.now()): Promise<LimitUsage> {
    const minute = minuteWindow(now);
    const period = periodWindow(scope.limits.budgetPeriod, now);
    const [requests, tokens, spend] = await Promise.all([
      this.#counters.get(counterKey(scope, 'req', minute)),
      this.#counters.get(counterKey(scope, 'tok', minute)),
      this.#counters.get(counterKey(scope, 'usd', period)),
    ]);
    const at = (ms: number) => new Date(ms).toISOString();
    return {
      scope: { kind: scope.kind, id: scope.id },
      requests: { used: requests, limit: scope.limits.requestsPerMinute ?? null, resetAt: at(minute.resetAt) },
      tokens: { used: tokens, limit: scope.limits.tokensPerMinute ?? null, resetAt: at(minute.resetAt) },
      spendUsd: { used: spend, limit: scope.limits.budgetUsd ?? null, period: scope.limits.budgetPeriod, resetAt: at(period.resetAt) },
    };
  }

  #limited(code: 'RATE_LIMITED' | 'BUDGET_EXCEEDED', scope: LimitScope, message: string, resetMs: number, headers: Record<string, string>): StewardError {
    return new StewardError({ code, message, retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)), details: { scope: scope.kind, id: scope.id, headers } });
  }
}
