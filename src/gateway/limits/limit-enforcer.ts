// Admission and accounting for request rates, token rates and spend budgets, per key and per route,
// on one set of counters: the same numbers refuse a request and report usage. Admission reserves the
// request's worst case (tokens and cost) atomically with the check, and the request settles its
// actual usage when it ends, so parallel requests cannot spend past a limit they all saw unspent.
import { randomUUID } from 'node:crypto';
import type { LimitReading, LimitStatus } from '../call/call-outcome.js';
import { GatewayCallError } from '../call/gateway-call-error.js';
import type { RouteLimits } from '../routes/route-config.js';
import type { CounterAdd, CounterCheck, CounterReading, CounterStore } from './counter-store.js';
import { type Window, minuteWindow, periodWindow } from './limit-windows.js';
import type { WorstCase } from './worst-case.js';

/** Whose limits: a key or a route. */
export interface LimitScope {
  kind: 'key' | 'route';
  id: string;
  limits: RouteLimits;
}

export interface LimitUsage {
  scope: { kind: 'key' | 'route'; id: string };
  requests: { used: number; limit: number | null; resetAt: string };
  tokens: { used: number; reserved: number; limit: number | null; remaining: number | null; resetAt: string };
  spendUsd: { used: number; reserved: number; limit: number | null; remaining: number | null; period: string; resetAt: string };
}

/** What a finished request actually used. */
export interface ActualUsage {
  tokens: number;
  costUsd: number;
}

/** An admitted request: the limits of its tightest scope, and the one call that settles it. */
export interface Admission {
  limits: LimitStatus;
  /** Releases the reservation and counts the actual usage; later calls do nothing. */
  settle(actual: ActualUsage): Promise<void>;
}

export interface LimitEnforcerOptions {
  /** How long an unsettled reservation holds (a request that never ended); then it is released. */
  reservationTtlMs?: number;
  now?: () => number;
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

const usd = (value: number) => `$${Number(value.toFixed(6))}`;

interface Planned {
  scope: LimitScope;
  what: 'req' | 'tok' | 'usd';
  window: Window;
}

export class LimitEnforcer {
  readonly #counters: CounterStore;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(counters: CounterStore, options: LimitEnforcerOptions = {}) {
    this.#counters = counters;
    this.#ttlMs = options.reservationTtlMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  get counters(): CounterStore {
    return this.#counters;
  }

  /**
   * Checks every limit of every scope against used + reserved + this request's worst case, and
   * reserves the worst case in the same atomic step. Returns the limits of the tightest scope.
   * @throws GatewayCallError RATE_LIMITED or BUDGET_EXCEEDED (429) with retryAfterSeconds and the refusing limit in `limits`.
   */
  async admit(scopes: readonly LimitScope[], worst: WorstCase, now = this.#now()): Promise<Admission> {
    const minute = minuteWindow(now);
    const planned: Planned[] = [];
    const checks: CounterCheck[] = [];
    for (const scope of scopes) {
      const { limits } = scope;
      if (limits.requestsPerMinute !== undefined) {
        planned.push({ scope, what: 'req', window: minute });
        checks.push({ key: counterKey(scope, 'req', minute), resetAt: minute.resetAt, limit: limits.requestsPerMinute, amount: 1, mode: 'count' });
      }
      if (limits.tokensPerMinute !== undefined) {
        planned.push({ scope, what: 'tok', window: minute });
        checks.push({ key: counterKey(scope, 'tok', minute), resetAt: minute.resetAt, limit: limits.tokensPerMinute, amount: worst.tokens, mode: 'reserve' });
      }
      if (limits.budgetUsd !== undefined) {
        const period = periodWindow(limits.budgetPeriod, now);
        planned.push({ scope, what: 'usd', window: period });
        checks.push({ key: counterKey(scope, 'usd', period), resetAt: period.resetAt, limit: limits.budgetUsd, amount: worst.costUsd, mode: 'reserve' });
      }
    }
    const id = randomUUID();
    const outcome = checks.length > 0 ? await this.#counters.reserve(id, checks, now + this.#ttlMs, now) : { ok: true as const, readings: [] };
    if (!outcome.ok) throw this.#refusal(planned[outcome.index], checks[outcome.index], outcome, worst, now);
    const reservedKeys = checks.filter((check) => check.mode === 'reserve').map((check) => check.key);
    let settled = false;
    return {
      limits: this.#status(planned, checks, outcome.readings, now),
      settle: async (actual) => {
        if (settled) return;
        settled = true;
        await this.#counters.settle(id, reservedKeys, this.#adds(scopes, actual, now), now);
      },
    };
  }

  /** Counts usage without an admission (reporting of calls with no limit at all). */
  async record(scopes: readonly LimitScope[], tokens: number, costUsd: number, now = this.#now()): Promise<void> {
    const adds = this.#adds(scopes, { tokens, costUsd }, now);
    if (adds.length > 0) await this.#counters.settle('', [], adds, now);
  }

  /** What a scope has used and holds reserved in its current windows. */
  async usage(scope: LimitScope, now = this.#now()): Promise<LimitUsage> {
    const minute = minuteWindow(now);
    const period = periodWindow(scope.limits.budgetPeriod, now);
    const [requests, tokens, spend] = await this.#counters.read([counterKey(scope, 'req', minute), counterKey(scope, 'tok', minute), counterKey(scope, 'usd', period)], now);
    const at = (ms: number) => new Date(ms).toISOString();
    const remaining = (limit: number | undefined, reading: CounterReading) => (limit === undefined ? null : Math.max(0, limit - reading.used - reading.reserved));
    return {
      scope: { kind: scope.kind, id: scope.id },
      requests: { used: requests.used, limit: scope.limits.requestsPerMinute ?? null, resetAt: at(minute.resetAt) },
      tokens: { used: tokens.used, reserved: tokens.reserved, limit: scope.limits.tokensPerMinute ?? null, remaining: remaining(scope.limits.tokensPerMinute, tokens), resetAt: at(minute.resetAt) },
      spendUsd: {
        used: spend.used,
        reserved: spend.reserved,
        limit: scope.limits.budgetUsd ?? null,
        remaining: remaining(scope.limits.budgetUsd, spend),
        period: scope.limits.budgetPeriod,
        resetAt: at(period.resetAt),
      },
    };
  }

  #adds(scopes: readonly LimitScope[], actual: ActualUsage, now: number): CounterAdd[] {
    const minute = minuteWindow(now);
    const adds: CounterAdd[] = [];
    for (const scope of scopes) {
      if (actual.tokens > 0) adds.push({ key: counterKey(scope, 'tok', minute), resetAt: minute.resetAt, amount: actual.tokens });
      if (actual.costUsd > 0) {
        const period = periodWindow(scope.limits.budgetPeriod, now);
        adds.push({ key: counterKey(scope, 'usd', period), resetAt: period.resetAt, amount: actual.costUsd });
      }
    }
    return adds;
  }

  #status(planned: readonly Planned[], checks: readonly CounterCheck[], readings: readonly CounterReading[], now: number): LimitStatus {
    const status: LimitStatus = {};
    planned.forEach((p, i) => {
      const limit = checks[i].limit as number;
      const remaining = Math.max(0, limit - readings[i].used - readings[i].reserved);
      const reading: LimitReading = { limit, remaining, resetMs: p.window.resetAt - now };
      if (p.what === 'req' && remaining < (status.requests?.remaining ?? Number.POSITIVE_INFINITY)) status.requests = reading;
      else if (p.what === 'tok' && remaining < (status.tokens?.remaining ?? Number.POSITIVE_INFINITY)) status.tokens = reading;
    });
    return status;
  }

  #refusal(p: Planned, check: CounterCheck, reading: CounterReading, worst: WorstCase, now: number): GatewayCallError {
    const { scope } = p;
    const limit = check.limit as number;
    const left = Math.max(0, limit - reading.used - reading.reserved);
    const resetMs = p.window.resetAt - now;
    const who = `${scope.kind} ${scope.id}`;
    const estimate = `${worst.promptTokens} prompt tokens (an upper estimate) + ${worst.outputTokens} output tokens`;
    if (p.what === 'req') {
      return this.#limited('RATE_LIMITED', scope, `${who} reached ${limit} requests per minute`, resetMs, { requests: { limit, remaining: 0, resetMs } });
    }
    if (p.what === 'tok') {
      const message =
        left > 0 || check.amount > limit
          ? `the worst case of this request, ${check.amount} tokens (${estimate}), exceeds the ${left} tokens left this minute of ${who} (limit ${limit} per minute); lower max_tokens or retry later`
          : `${who} reached ${limit} tokens per minute (${reading.used} used, ${reading.reserved} reserved by requests in flight)`;
      return this.#limited('RATE_LIMITED', scope, message, resetMs, { tokens: { limit, remaining: left, resetMs } });
    }
    const period = scope.limits.budgetPeriod;
    const message =
      left > 0 || check.amount > limit
        ? `the worst case of this request, ${usd(check.amount)} (${estimate}), exceeds the ${usd(left)} left of the budget of ${who} (${usd(limit)} per ${period}); lower max_tokens or wait for the budget to reset`
        : `${who} spent its budget of ${usd(limit)} per ${period} (${usd(reading.used)} spent, ${usd(reading.reserved)} reserved by requests in flight)`;
    return this.#limited('BUDGET_EXCEEDED', scope, message, resetMs, { budgetUsd: { limit, remaining: Number(left.toFixed(6)), resetMs } });
  }

  #limited(code: 'RATE_LIMITED' | 'BUDGET_EXCEEDED', scope: LimitScope, message: string, resetMs: number, limits: LimitStatus): GatewayCallError {
    return new GatewayCallError({ code, message, retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)), details: { scope: scope.kind, id: scope.id }, limits });
  }
}
