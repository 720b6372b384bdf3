// Per-arm summaries (requests, error rate, latency mean and p95, cost, feedback) and the
// statistical comparison of an arm against the control, from src/statistics.
import { type ArmSamples, type MetricComparison, analyzeExperiment, mean, quantile } from '../statistics/index.js';
import type { RouteSample } from './route-samples.js';

export interface ArmSummary {
  arm: string;
  requests: number;
  errorRate: number | null;
  latencyMeanMs: number | null;
  latencyP95Ms: number | null;
  costMeanUsd: number | null;
  feedbackMean: number | null;
  feedbackCount: number;
}

export function toArmSamples(samples: readonly RouteSample[]): ArmSamples {
  const ok = samples.filter((s) => !s.failed);
  return {
    latencyMs: ok.map((s) => s.latencyMs),
    costUsd: ok.map((s) => s.costUsd),
    errors: samples.map((s) => s.failed),
    feedback: samples.flatMap((s) => (s.feedback === null ? [] : [s.feedback])),
  };
}

export function summarizeArm(arm: string, samples: readonly RouteSample[]): ArmSummary {
  const a = toArmSamples(samples);
  const latency = a.latencyMs ?? [];
  const feedback = a.feedback ?? [];
  return {
    arm,
    requests: samples.length,
    errorRate: samples.length === 0 ? null : samples.filter((s) => s.failed).length / samples.length,
    latencyMeanMs: latency.length === 0 ? null : mean(latency),
    latencyP95Ms: latency.length === 0 ? null : quantile(latency, 0.95),
    costMeanUsd: (a.costUsd ?? []).length === 0 ? null : mean(a.costUsd ?? []),
    feedbackMean: feedback.length === 0 ? null : mean(feedback),
    feedbackCount: feedback.length,
  };
}

/** Compares treatment against control on every metric with enough data. */
export function compareArms(control: readonly RouteSample[], treatment: readonly RouteSample[], alpha = 0.05): MetricComparison[] {
  return analyzeExperiment(toArmSamples(control), toArmSamples(treatment), { alpha, seed: 7, resamples: 500 });
}
