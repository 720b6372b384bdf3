// Canary guards read with always-valid sequential tests: a guard breaks only when its confidence
// sequence shows the canary worse than the baseline by more than the allowed margin, so reading the
// guard at every tick does not raise the chance of a false rollback. Latency is compared on the log
// scale (the ratio of geometric means), since a p95 has no simple always-valid test.
import { createSequentialDifference } from '../statistics/index.js';
import { inArrivalOrder } from './experiment-verdict.js';
import type { RolloutGuards } from './rollout-plan.js';
import type { RouteSample } from './route-samples.js';

export const GUARD_METRICS = ['errorRate', 'latencyLogRatio', 'feedback'] as const;
export type GuardMetric = (typeof GUARD_METRICS)[number];

/** One guard's sequential check: canary − baseline, its confidence sequence and the allowed margin. */
export interface GuardCheck {
  metric: GuardMetric;
  nCanary: number;
  nBaseline: number;
  /** null while an arm has no data. */
  difference: number | null;
  lower: number | null;
  upper: number | null;
  pValue: number;
  /** The difference beyond which the guard breaks (errorRate, latencyLogRatio: above; feedback: below). */
  limit: number;
  broken: boolean;
}

/** Samples each arm needs before a sequential guard is read (the plug-in variance needs some). */
export const SEQUENTIAL_GUARD_MIN_SAMPLES = 30;

/** The sequential checks of the guards over one window, at error level `alpha`. */
export function sequentialGuardChecks(canary: readonly RouteSample[], baseline: readonly RouteSample[], guards: RolloutGuards, alpha: number): GuardCheck[] {
  const minSamples = Math.max(SEQUENTIAL_GUARD_MIN_SAMPLES, guards.minComparableSamples);
  const errors = createSequentialDifference({ alpha, kind: 'proportion', minSamples });
  const latency = createSequentialDifference({ alpha, kind: 'mean', minSamples });
  const feedback = createSequentialDifference({ alpha, kind: 'mean', minSamples });
  const canaryIds = new Set(canary.map((s) => s.traceId));
  for (const s of inArrivalOrder([...canary, ...baseline])) {
    // The canary is the treatment: differences read canary − baseline.
    const arm = canaryIds.has(s.traceId) ? 'treatment' : 'control';
    errors.add(arm, s.failed ? 1 : 0);
    if (!s.failed) latency.add(arm, Math.log(Math.max(s.latencyMs, 1)));
    if (s.feedback !== null && Number.isFinite(s.feedback)) feedback.add(arm, s.feedback);
  }
  const check = (metric: GuardMetric, state: ReturnType<typeof errors.state>, limit: number, above: boolean): GuardCheck => {
    const lower = Number.isFinite(state.lower) ? state.lower : null;
    const upper = Number.isFinite(state.upper) ? state.upper : null;
    return {
      metric,
      nCanary: state.nTreatment,
      nBaseline: state.nControl,
      difference: Number.isFinite(state.difference) ? state.difference : null,
      lower,
      upper,
      pValue: state.pValue,
      limit,
      broken: above ? lower !== null && lower > limit : upper !== null && upper < limit,
    };
  };
  return [
    check('errorRate', errors.state(), guards.maxErrorRateIncrease, true),
    check('latencyLogRatio', latency.state(), Math.log(guards.maxP95LatencyRatio), true),
    check('feedback', feedback.state(), -guards.maxFeedbackDrop, false),
  ];
}

/** Why a broken check broke, for the rollback record. */
export function describeBrokenCheck(c: GuardCheck): string {
  const f = (x: number | null) => (x === null ? '?' : x.toFixed(4));
  if (c.metric === 'latencyLogRatio') {
    return `latency ×${Math.exp(c.difference ?? 0).toFixed(3)} vs baseline, confidence sequence ×[${c.lower === null ? '?' : Math.exp(c.lower).toFixed(3)}, ${c.upper === null ? '?' : Math.exp(c.upper).toFixed(3)}] above the allowed ×${Math.exp(c.limit).toFixed(3)} (sequential test, p=${c.pValue.toFixed(4)})`;
  }
  const side = c.metric === 'feedback' ? 'below' : 'above';
  return `${c.metric} difference ${f(c.difference)} vs baseline, confidence sequence [${f(c.lower)}, ${f(c.upper)}] ${side} the allowed ${f(c.limit)} (sequential test, p=${c.pValue.toFixed(4)})`;
}
