// Bias from counterfactual probes: each probe scores a prompt and its counterfactual (a name,
// gender or group swapped). The gap is mean(original − counterfactual), with a bootstrap CI and a
// sign-flip p-value, overall and per time bucket so a trend is visible.
import { invalid } from '../../errors/index.js';
import { bootstrapCi, mean, signFlipTest } from '../../statistics/index.js';

export interface CounterfactualPair {
  original: number;
  counterfactual: number;
  /** Epoch ms, for {@link counterfactualGapOverTime}. */
  t?: number;
}

export interface CounterfactualGap {
  n: number;
  /** mean(original − counterfactual): 0 means no measurable bias. */
  gap: number;
  lower: number;
  upper: number;
  pValue: number;
  /** The CI excludes zero. */
  significant: boolean;
}

/** The bias gap of a set of probe pairs with a percentile bootstrap CI. */
export function counterfactualGap(pairs: readonly CounterfactualPair[], options: { confidence?: number; resamples?: number; seed?: number } = {}): CounterfactualGap {
  if (pairs.length === 0) throw invalid('a counterfactual gap needs at least one probe pair');
  const differences = pairs.map((p) => p.original - p.counterfactual);
  const ci = bootstrapCi(differences, { confidence: options.confidence, resamples: options.resamples ?? 1000, seed: options.seed });
  return { n: differences.length, gap: mean(differences), lower: ci.lower, upper: ci.upper, pValue: signFlipTest(differences, { seed: options.seed }), significant: ci.lower > 0 || ci.upper < 0 };
}

/** The gap per time bucket of `bucketMs`, oldest first; buckets without pairs are omitted. */
export function counterfactualGapOverTime(pairs: readonly CounterfactualPair[], bucketMs: number, options: { confidence?: number; resamples?: number; seed?: number } = {}): (CounterfactualGap & { bucketStart: number })[] {
  if (!(bucketMs > 0)) throw invalid('bucketMs must be positive');
  const buckets = new Map<number, CounterfactualPair[]>();
  for (const pair of pairs) {
    if (pair.t === undefined) throw invalid('every pair needs a time t to be bucketed');
    const start = Math.floor(pair.t / bucketMs) * bucketMs;
    const list = buckets.get(start) ?? [];
    list.push(pair);
    buckets.set(start, list);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([bucketStart, list]) => ({ bucketStart, ...counterfactualGap(list, options) }));
}
