// Analysis of an A/B experiment between two arms of a route: per metric, the difference
// (treatment − control), its confidence interval, a p-value and whether it is significant.
import { bootstrapDifferenceCi } from './bootstrap.js';
import { mean } from './descriptive.js';
import { mannWhitneyU } from './mann-whitney-u.js';
import { twoProportionZTest } from './proportion-test.js';
import { welchTTest } from './t-tests.js';

/** Samples observed in one arm; any metric may be absent. */
export interface ArmSamples {
  latencyMs?: readonly number[];
  costUsd?: readonly number[];
  /** One boolean per request: true when it failed. */
  errors?: readonly boolean[];
  /** Feedback scores (ratings or thumbs as 0/1). */
  feedback?: readonly number[];
}

export const EXPERIMENT_METRICS = ['latencyMs', 'costUsd', 'errorRate', 'feedback'] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];

/** One metric's comparison of the two arms. */
export interface MetricComparison {
  metric: ExperimentMetric;
  test: 'welch_t' | 'two_proportion_z';
  nControl: number;
  nTreatment: number;
  control: number;
  treatment: number;
  /** treatment − control. */
  difference: number;
  /** Relative difference (treatment − control) / |control|, null when control is 0. */
  relativeDifference: number | null;
  lower: number;
  upper: number;
  pValue: number;
  significant: boolean;
  /** Whether the treatment is better on this metric (lower latency/cost/errors, higher feedback). */
  treatmentBetter: boolean;
  /** Mann–Whitney p-value for continuous metrics, robust to heavy tails (latency). */
  rankPValue?: number;
  /** Bootstrap CI of the difference in means for continuous metrics. */
  bootstrapLower?: number;
  bootstrapUpper?: number;
}

/** Options of {@link analyzeExperiment}. */
export interface ExperimentOptions {
  /** Significance level (default 0.05); the intervals use 1 − alpha. */
  alpha?: number;
  seed?: number;
  resamples?: number;
}

/**
 * Compares control and treatment on every metric both arms have enough data for (two values per
 * arm for continuous metrics, one for error rates). Continuous metrics use Welch's t-test (CI from
 * the t distribution, plus a bootstrap CI and a Mann–Whitney p-value); error rates use the
 * two-proportion z-test.
 */
export function analyzeExperiment(control: ArmSamples, treatment: ArmSamples, options: ExperimentOptions = {}): MetricComparison[] {
  const alpha = options.alpha ?? 0.05;
  const results: MetricComparison[] = [];
  const continuous = (metric: ExperimentMetric, a: readonly number[] | undefined, b: readonly number[] | undefined, lowerIsBetter: boolean) => {
    if (!a || !b || a.length < 2 || b.length < 2) return;
    const welch = welchTTest(a, b, 1 - alpha);
    const boot = bootstrapDifferenceCi(a, b, { confidence: 1 - alpha, seed: options.seed, resamples: options.resamples });
    const control = mean(a);
    results.push({
      metric,
      test: 'welch_t',
      nControl: a.length,
      nTreatment: b.length,
      control,
      treatment: mean(b),
      difference: welch.meanDifference,
      relativeDifference: control === 0 ? null : welch.meanDifference / Math.abs(control),
      lower: welch.lower,
      upper: welch.upper,
      pValue: welch.pValue,
      significant: welch.pValue < alpha,
      treatmentBetter: lowerIsBetter ? welch.meanDifference < 0 : welch.meanDifference > 0,
      rankPValue: mannWhitneyU(a, b).pValue,
      bootstrapLower: boot.lower,
      bootstrapUpper: boot.upper,
    });
  };
  continuous('latencyMs', control.latencyMs, treatment.latencyMs, true);
  continuous('costUsd', control.costUsd, treatment.costUsd, true);
  if (control.errors && treatment.errors && control.errors.length > 0 && treatment.errors.length > 0) {
    const failuresA = control.errors.filter(Boolean).length;
    const failuresB = treatment.errors.filter(Boolean).length;
    const z = twoProportionZTest(failuresA, control.errors.length, failuresB, treatment.errors.length, 1 - alpha);
    results.push({
      metric: 'errorRate',
      test: 'two_proportion_z',
      nControl: control.errors.length,
      nTreatment: treatment.errors.length,
      control: z.rateA,
      treatment: z.rateB,
      difference: z.difference,
      relativeDifference: z.rateA === 0 ? null : z.difference / z.rateA,
      lower: z.lower,
      upper: z.upper,
      pValue: z.pValue,
      significant: z.pValue < alpha,
      treatmentBetter: z.difference < 0,
    });
  }
  continuous('feedback', control.feedback, treatment.feedback, false);
  return results;
}
