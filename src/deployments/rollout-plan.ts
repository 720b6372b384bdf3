// The pure parts of a canary rollout: the route config at a step, and the guards that decide
// whether the canary holds against the baseline it runs beside.
import type { RouteConfig } from '../gateway/index.js';
import { summarizeArm } from './arm-summary.js';
import type { RouteSample } from './route-samples.js';
import { type GuardCheck, describeBrokenCheck, sequentialGuardChecks } from './sequential-guards.js';

export const ROLLOUT_STATUSES = ['running', 'paused', 'completed', 'rolled_back', 'aborted'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];
export const LIVE_ROLLOUT_STATUSES: readonly RolloutStatus[] = ['running', 'paused'];

export const DEFAULT_STEPS = [5, 25, 50, 100] as const;

export const GUARD_TESTS = ['fixed', 'sequential'] as const;
export type GuardTest = (typeof GUARD_TESTS)[number];

/** Limits the canary must stay within, relative to the baseline in the same window. */
export interface RolloutGuards {
  /** Canary error rate minus baseline error rate may not exceed this (absolute, 0–1). */
  maxErrorRateIncrease: number;
  /** Canary p95 latency may not exceed baseline p95 times this. */
  maxP95LatencyRatio: number;
  /** Baseline feedback mean minus canary feedback mean may not exceed this. */
  maxFeedbackDrop: number;
  /** Samples each side needs before latency and feedback are compared. */
  minComparableSamples: number;
  /** A registry gate the canary version must pass before promotion (`model` and `gate` names). */
  evalGate?: { model: string; gate: string };
  /**
   * `fixed` (default): a guard breaks when the window's point estimate passes its limit. `sequential`:
   * only when an always-valid confidence sequence lies wholly past the limit (read at every tick
   * without raising false rollbacks).
   */
  test?: GuardTest;
  /** Error level of the sequential guards over the whole rollout, split evenly across its steps (default 0.05). */
  alpha?: number;
}

export const DEFAULT_GUARDS: RolloutGuards = { maxErrorRateIncrease: 0.05, maxP95LatencyRatio: 1.5, maxFeedbackDrop: 0.1, minComparableSamples: 5, test: 'fixed', alpha: 0.05 };

/** The route config with `percent` of traffic on `target` and the rest shared by the baseline's targets as before. */
export function configAtStep(baseline: RouteConfig, target: string, percent: number): RouteConfig {
  if (percent >= 100 && baseline.targets.every((t) => t.model !== target)) {
    return { ...baseline, policy: 'weighted', targets: [{ model: target, weight: 100 }, ...baseline.targets.map((t) => ({ ...t, weight: 0 }))], failover: true };
  }
  const primary = baseline.policy === 'weighted' ? baseline.targets : baseline.targets.map((t, i) => ({ ...t, weight: i === 0 ? 1 : 0 }));
  const total = primary.reduce((sum, t) => sum + t.weight, 0) || 1;
  const rest = 100 - percent;
  const scaled = primary.filter((t) => t.model !== target).map((t) => ({ ...t, weight: round((t.weight / total) * rest) }));
  return { ...baseline, policy: 'weighted', targets: [...scaled, { model: target, weight: percent }], failover: true };
}

/** The route once the rollout is promoted: the canary alone, with the baseline's other settings. */
export function promotedConfig(baseline: RouteConfig, target: string): RouteConfig {
  return { ...baseline, policy: 'single', targets: [{ model: target, weight: 1 }] };
}

export interface GuardVerdict {
  ok: boolean;
  /** Why it broke, for the rollback record. */
  reason: string | null;
  canary: ReturnType<typeof summarizeArm>;
  baseline: ReturnType<typeof summarizeArm>;
  test: GuardTest;
  /** The sequential checks (empty under the fixed test). */
  checks: GuardCheck[];
}

/**
 * Checks the guards on one window of traffic. `stepAlpha` is the sequential test's error level for
 * this window (the rollout's alpha over its steps).
 */
export function checkGuards(canary: readonly RouteSample[], baseline: readonly RouteSample[], guards: RolloutGuards, options: { stepAlpha?: number } = {}): GuardVerdict {
  const c = summarizeArm('canary', canary);
  const b = summarizeArm('baseline', baseline);
  if (guards.test === 'sequential') {
    const checks = sequentialGuardChecks(canary, baseline, guards, options.stepAlpha ?? guards.alpha ?? 0.05);
    const broken = checks.find((k) => k.broken);
    return { ok: !broken, reason: broken ? describeBrokenCheck(broken) : null, canary: c, baseline: b, test: 'sequential', checks };
  }
  const verdict = (reason: string | null): GuardVerdict => ({ ok: reason === null, reason, canary: c, baseline: b, test: 'fixed', checks: [] });
  const baseErrors = b.errorRate ?? 0;
  if (c.errorRate !== null && c.errorRate - baseErrors > guards.maxErrorRateIncrease) {
    return verdict(`error rate ${pct(c.errorRate)} vs baseline ${pct(baseErrors)} (allowed +${pct(guards.maxErrorRateIncrease)})`);
  }
  const okCanary = canary.filter((s) => !s.failed).length;
  const okBase = baseline.filter((s) => !s.failed).length;
  if (okCanary >= guards.minComparableSamples && okBase >= guards.minComparableSamples && c.latencyP95Ms !== null && b.latencyP95Ms !== null) {
    if (c.latencyP95Ms > b.latencyP95Ms * guards.maxP95LatencyRatio) {
      return verdict(`p95 latency ${round(c.latencyP95Ms)} ms vs baseline ${round(b.latencyP95Ms)} ms (allowed ×${guards.maxP95LatencyRatio})`);
    }
  }
  if (c.feedbackCount >= guards.minComparableSamples && b.feedbackCount >= guards.minComparableSamples && c.feedbackMean !== null && b.feedbackMean !== null) {
    if (b.feedbackMean - c.feedbackMean > guards.maxFeedbackDrop) {
      return verdict(`feedback ${c.feedbackMean.toFixed(3)} vs baseline ${b.feedbackMean.toFixed(3)} (allowed −${guards.maxFeedbackDrop})`);
    }
  }
  return verdict(null);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
