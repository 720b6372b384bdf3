// The live verdict of an experiment. `sequential` (the default for new experiments) reads the
// always-valid mixture SPRT of each metric, replayed over the arms' requests in arrival order, so
// it stays valid however often a dashboard reads it; `fixed` reads the fixed-horizon tests, valid
// only when read once at the sample size planned in advance.
import { type ExperimentMetric, type MetricComparison, type SequentialKind, createSequentialDifference } from '../statistics/index.js';
import type { RouteSample } from './route-samples.js';

export const EXPERIMENT_TESTS = ['fixed', 'sequential'] as const;
export type ExperimentTest = (typeof EXPERIMENT_TESTS)[number];

/** One metric's always-valid comparison of an arm with the control. */
export interface SequentialComparison {
  metric: ExperimentMetric;
  test: 'msprt';
  nControl: number;
  nTreatment: number;
  control: number;
  treatment: number;
  /** treatment − control. */
  difference: number;
  /** Confidence sequence of the difference (running intersection); null while it is unbounded. */
  lower: number | null;
  upper: number | null;
  /** Always-valid p-value. */
  pValue: number;
  significant: boolean;
  treatmentBetter: boolean;
}

export interface ExperimentVerdict {
  test: ExperimentTest;
  metric: ExperimentMetric;
  alpha: number;
  /** The arm that is significantly best on the metric, the control when every other arm is significantly worse, else null. */
  winner: string | null;
  reason: string;
}

interface MetricSpec {
  metric: ExperimentMetric;
  kind: SequentialKind;
  lowerIsBetter: boolean;
  value: (s: RouteSample) => number | null;
}

const SPECS: readonly MetricSpec[] = [
  { metric: 'latencyMs', kind: 'mean', lowerIsBetter: true, value: (s) => (s.failed ? null : s.latencyMs) },
  { metric: 'costUsd', kind: 'mean', lowerIsBetter: true, value: (s) => (s.failed ? null : s.costUsd) },
  { metric: 'errorRate', kind: 'proportion', lowerIsBetter: true, value: (s) => (s.failed ? 1 : 0) },
  { metric: 'feedback', kind: 'mean', lowerIsBetter: false, value: (s) => s.feedback },
];

/** Samples in arrival order; ties broken by trace id so a replay is the same every time. */
export function inArrivalOrder(samples: readonly RouteSample[]): RouteSample[] {
  return [...samples].sort((a, b) => a.at - b.at || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0));
}

/** Sequential comparisons of treatment against control on every metric both arms have data for. */
export function compareArmsSequentially(control: readonly RouteSample[], treatment: readonly RouteSample[], options: { alpha?: number; minSamples?: number } = {}): SequentialComparison[] {
  const tagged = inArrivalOrder([...control.map((s) => ({ ...s, arm: 'control' as const })), ...treatment.map((s) => ({ ...s, arm: 'treatment' as const }))]) as (RouteSample & { arm: 'control' | 'treatment' })[];
  const tests = SPECS.map((spec) => createSequentialDifference({ alpha: options.alpha, kind: spec.kind, minSamples: options.minSamples }));
  for (const sample of tagged) {
    SPECS.forEach((spec, i) => {
      const value = spec.value(sample);
      if (value !== null && Number.isFinite(value)) tests[i].add(sample.arm, value);
    });
  }
  const out: SequentialComparison[] = [];
  SPECS.forEach((spec, i) => {
    const s = tests[i].state();
    if (s.nControl < 2 || s.nTreatment < 2) return;
    out.push({
      metric: spec.metric,
      test: 'msprt',
      nControl: s.nControl,
      nTreatment: s.nTreatment,
      control: s.control,
      treatment: s.treatment,
      difference: s.difference,
      lower: Number.isFinite(s.lower) ? s.lower : null,
      upper: Number.isFinite(s.upper) ? s.upper : null,
      pValue: s.pValue,
      significant: s.significant,
      treatmentBetter: spec.lowerIsBetter ? s.difference < 0 : s.difference > 0,
    });
  });
  return out;
}

type Decidable = Pick<MetricComparison, 'metric' | 'significant' | 'treatmentBetter' | 'difference'>;

/** The verdict on `metric` from each arm's comparison with the control (sequential or fixed). */
export function decideExperiment(input: {
  test: ExperimentTest;
  metric: ExperimentMetric;
  alpha: number;
  control: string;
  comparisons: readonly { arm: string; metrics: readonly Decidable[] }[];
}): ExperimentVerdict {
  const base = { test: input.test, metric: input.metric, alpha: input.alpha };
  const lowerIsBetter = SPECS.find((s) => s.metric === input.metric)?.lowerIsBetter ?? false;
  const onMetric = input.comparisons.map((c) => ({ arm: c.arm, m: c.metrics.find((m) => m.metric === input.metric) }));
  const missing = onMetric.filter((c) => !c.m).map((c) => c.arm);
  if (missing.length > 0) return { ...base, winner: null, reason: `not enough ${input.metric} data yet for ${missing.join(', ')}` };
  const better = onMetric.filter((c) => c.m?.significant && c.m.treatmentBetter);
  if (better.length > 0) {
    // Of the arms significantly better than the control, the one with the best estimate.
    const sign = lowerIsBetter ? -1 : 1;
    const best = better.reduce((a, b) => (sign * (b.m?.difference ?? 0) > sign * (a.m?.difference ?? 0) ? b : a));
    return { ...base, winner: best.arm, reason: `${best.arm} is significantly better than ${input.control} on ${input.metric}` };
  }
  if (onMetric.every((c) => c.m?.significant && !c.m.treatmentBetter)) {
    return { ...base, winner: input.control, reason: `every arm is significantly worse than ${input.control} on ${input.metric}` };
  }
  return { ...base, winner: null, reason: `no significant difference on ${input.metric} yet` };
}
