// Calls a plan's targets in order: per-attempt and total timeouts, retries with backoff and jitter on
// retryable failures (honouring retry-after), a circuit breaker and a concurrency gate per target, and
// fallback to the next target. Every attempt is recorded for the trace; a failed run throws one
// GatewayCallError that carries them.
import { StewardError } from '../../errors/index.js';
import type { TraceAttempt } from '../../monitoring/traces/index.js';
import { ProviderCallError } from '../../providers/spec/index.js';
import { upstreamErrorParam } from '../../providers/shared/index.js';
import { GatewayCallError } from '../call/gateway-call-error.js';
import type { CallPlan, PlannedTarget } from '../pipeline/call-plan.js';
import { backoffDelayMs, sleep } from './backoff.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { type ConcurrencyGate, QueueFullError } from './concurrency-gate.js';

export interface TargetGuards {
  breaker(label: string): CircuitBreaker;
  gate(label: string): ConcurrencyGate;
}

/** Where a run starts: the plan's targets from the first, or (a stream continued mid-way) later ones. */
export interface RunStart {
  targets: readonly PlannedTarget[];
  /** Attempts already made; the run appends to them. */
  attempts: TraceAttempt[];
}

/** What a successful run hands back; the caller must call `release` when done with the target. */
export interface TargetRun<T> {
  value: T;
  target: PlannedTarget;
  attempts: TraceAttempt[];
  /** Time spent in upstream calls. */
  upstreamMs: number;
  /** Time spent waiting (backoff, queue). */
  waitMs: number;
  /** Frees the target's concurrency slot and settles its circuit (streams call it at their end). */
  release(outcome?: 'ok' | 'error' | 'ignored'): void;
  /** The attempt's signal: aborted when the client goes or on shutdown. */
  signal: AbortSignal;
  abort(reason?: unknown): void;
}

/** Failures that the same request would meet on every target: stop instead of falling back. */
function isRequestFault(error: unknown): boolean {
  if (error instanceof ProviderCallError) {
    const status = error.statusCode;
    return status === 400 || status === 404 || status === 413 || status === 422;
  }
  return error instanceof StewardError && error.code === 'VALIDATION_FAILED';
}

function attemptOutcome(error: unknown, clientAborted: boolean): TraceAttempt['outcome'] {
  if (clientAborted) return 'aborted';
  if (error instanceof ProviderCallError && error.isTimeout) return 'timeout';
  return 'error';
}

/**
 * Runs `call` on the plan's targets (or `start.targets`) until one succeeds.
 * @throws GatewayCallError, the client-facing failure with every attempt, when every target failed (see {@link finalError}).
 */
export async function runTargets<T>(
  plan: CallPlan,
  guards: TargetGuards,
  clientSignal: AbortSignal | undefined,
  call: (target: PlannedTarget, signal: AbortSignal) => Promise<T>,
  start?: RunStart,
): Promise<TargetRun<T>> {
  const attempts: TraceAttempt[] = start?.attempts ?? [];
  const deadline = performance.now() + plan.totalMs;
  let upstreamMs = 0;
  let waitMs = 0;
  let lastError: unknown;
  // What an upstream actually answered, preferred over "circuit open" in the final error.
  let lastUpstreamError: unknown;
  for (const target of start?.targets ?? plan.targets) {
    const breaker = guards.breaker(target.guard);
    const gate = guards.gate(target.guard);
    for (let retry = 0; retry <= plan.retry.maxRetries; retry++) {
      if (clientSignal?.aborted) throw GatewayCallError.from(clientSignal.reason, attempts);
      if (!breaker.tryAcquire()) {
        attempts.push({ provider: target.resolved.provider, model: target.resolved.model, status: null, latencyMs: 0, error: 'circuit open', outcome: 'circuit-open' });
        lastError = new StewardError({ code: 'UPSTREAM_UNAVAILABLE', message: `${target.label} is failing; its circuit is open`, retryAfterSeconds: Math.max(1, breaker.retryAfterSeconds()) });
        break;
      }
      let release: () => void;
      const waitStart = performance.now();
      try {
        const acquired = gate.acquire(clientSignal);
        release = typeof acquired === 'function' ? acquired : await acquired;
      } catch (error) {
        breaker.onIgnored();
        if (!(error instanceof QueueFullError)) throw GatewayCallError.from(error, attempts);
        attempts.push({ provider: target.resolved.provider, model: target.resolved.model, status: null, latencyMs: 0, error: error.message, outcome: 'queue-full' });
        lastError = new StewardError({ code: 'QUEUE_FULL', message: `too many requests queued for ${target.label} (${error.message})`, retryAfterSeconds: 1 });
        break;
      }
      waitMs += performance.now() - waitStart;
      const remaining = deadline - performance.now();
      const controller = new AbortController();
      const onClientAbort = () => controller.abort(clientSignal?.reason);
      clientSignal?.addEventListener('abort', onClientAbort, { once: true });
      const budget = Math.max(1, Math.min(plan.attemptMs, remaining));
      const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${Math.round(budget)} ms`, 'TimeoutError')), budget);
      const started = performance.now();
      try {
        const value = await call(target, controller.signal);
        clearTimeout(timer);
        const latencyMs = performance.now() - started;
        upstreamMs += latencyMs;
        attempts.push({ provider: target.resolved.provider, model: target.resolved.model, status: 200, latencyMs: round(latencyMs), error: null, outcome: 'ok' });
        let released = false;
        return {
          value,
          target,
          attempts,
          upstreamMs,
          waitMs,
          signal: controller.signal,
          abort: (reason) => controller.abort(reason),
          release: (outcome = 'ok') => {
            if (released) return;
            released = true;
            clientSignal?.removeEventListener('abort', onClientAbort);
            release();
            if (outcome === 'ok') breaker.onSuccess();
            else if (outcome === 'error') breaker.onFailure();
            else breaker.onIgnored();
          },
        };
      } catch (error) {
        clearTimeout(timer);
        clientSignal?.removeEventListener('abort', onClientAbort);
        release();
        const latencyMs = performance.now() - started;
        upstreamMs += latencyMs;
        const clientAborted = clientSignal?.aborted === true;
        attempts.push({
          provider: target.resolved.provider,
          model: target.resolved.model,
          status: error instanceof ProviderCallError ? (error.statusCode ?? null) : error instanceof StewardError ? error.status : null,
          latencyMs: round(latencyMs),
          error: error instanceof Error ? error.message : String(error),
          outcome: attemptOutcome(error, clientAborted),
        });
        if (clientAborted) {
          breaker.onIgnored();
          throw GatewayCallError.from(clientSignal?.reason ?? error, attempts);
        }
        lastError = error;
        lastUpstreamError = error;
        if (isRequestFault(error)) {
          breaker.onIgnored();
          throw finalError(error, attempts);
        }
        const retryable = error instanceof ProviderCallError && error.isRetryable;
        if (retryable) breaker.onFailure();
        else breaker.onIgnored();
        if (!retryable || retry === plan.retry.maxRetries) break;
        const delay = backoffDelayMs(retry + 1, plan.retry, error instanceof ProviderCallError ? error.retryAfterSeconds : undefined);
        if (performance.now() + delay >= deadline) break;
        const sleepStart = performance.now();
        await sleep(delay, clientSignal).catch((reason: unknown) => {
          throw GatewayCallError.from(reason, attempts);
        });
        waitMs += performance.now() - sleepStart;
      }
      if (performance.now() >= deadline) break;
    }
    if (performance.now() >= deadline) {
      lastError = new StewardError({ code: 'UPSTREAM_TIMEOUT', message: `no target answered within the total timeout of ${plan.totalMs} ms` });
      break;
    }
  }
  const circuitOpen = lastError instanceof StewardError && lastError.code === 'UPSTREAM_UNAVAILABLE';
  throw finalError(circuitOpen && lastUpstreamError !== undefined ? lastUpstreamError : lastError, attempts);
}

/** The error the client sees when the run failed (upstream client errors keep their status and message), with the attempts for the trace. */
export function finalError(error: unknown, attempts: readonly TraceAttempt[]): GatewayCallError {
  return GatewayCallError.from(mapFinalError(error, attempts), attempts);
}

function mapFinalError(error: unknown, attempts: readonly TraceAttempt[]): StewardError {
  const details = { attempts: attempts.length };
  if (error instanceof ProviderCallError) {
    const status = error.statusCode;
    if (error.isTimeout) return new StewardError({ code: 'UPSTREAM_TIMEOUT', message: error.message, cause: error, details });
    if (status === 429) return new StewardError({ code: 'UPSTREAM_ERROR', status: 429, message: error.message, retryAfterSeconds: error.retryAfterSeconds ?? 1, cause: error, details });
    // The caller's own key is fine: the upstream refused Steward's credentials for it (a 502, never a 401).
    if (status === 401 || status === 403) {
      return new StewardError({ code: 'UPSTREAM_AUTHENTICATION_FAILED', message: error.message, cause: error, details: { ...details, upstreamStatus: status } });
    }
    if (status === 404) {
      return new StewardError({ code: 'UPSTREAM_MODEL_NOT_FOUND', message: error.message, cause: error, details: { ...details, upstreamStatus: status, param: 'model' } });
    }
    if (status !== undefined && status >= 400 && status < 500) {
      const param = upstreamErrorParam(error.responseBody);
      return new StewardError({ code: 'UPSTREAM_INVALID_REQUEST', status, message: error.message, cause: error, details: { ...details, upstreamStatus: status, param } });
    }
    return new StewardError({ code: 'UPSTREAM_ERROR', message: error.message, cause: error, retryAfterSeconds: error.retryAfterSeconds, details: { ...details, upstreamStatus: status ?? null } });
  }
  // Our own errors (UNSUPPORTED_PARAMETER names its `param` already) reach the client as they are.
  if (error instanceof StewardError) return error;
  return new StewardError({ code: 'UPSTREAM_ERROR', message: error instanceof Error ? `upstream call failed: ${error.message}` : 'upstream call failed', cause: error, details });
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
