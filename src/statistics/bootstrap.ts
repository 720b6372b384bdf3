// Percentile bootstrap confidence intervals for any statistic of one sample, seeded so the same
// data and seed always give the same interval.
import { invalid } from '../errors/index.js';
import { mean } from './descriptive.js';
import { quantileSorted } from './quantile.js';
import { DEFAULT_SEED, createSeededRandom } from './seeded-random.js';

/** A point estimate with a two-sided confidence interval. */
export interface ConfidenceInterval {
  estimate: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
}

/** Options of {@link bootstrapCi}. */
export interface BootstrapOptions {
  /** Number of resamples B (default 2000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Seed of the resampling generator (default {@link DEFAULT_SEED}). */
  seed?: number;
}

/**
 * Percentile bootstrap CI: draws B resamples with replacement, computes the statistic on each and
 * takes the (α/2, 1 − α/2) quantiles of those values.
 *
 * @example
 * bootstrapCi([0.8, 0.9, 0.75, 0.95], { seed: 7 }); // CI of the mean
 * bootstrapCi(latencies, { statistic: (xs) => quantile(xs, 0.95) });
 */
export function bootstrapCi(
  sample: readonly number[],
  options: BootstrapOptions & { statistic?: (values: readonly number[]) => number } = {},
): ConfidenceInterval {
  const statistic = options.statistic ?? mean;
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (sample.length === 0) throw invalid('bootstrap needs a non-empty sample');
  if (!(confidence > 0 && confidence < 1)) throw invalid('confidence must be between 0 and 1');
  if (!(resamples >= 1)) throw invalid('resamples must be at least 1');
  const rng = createSeededRandom(options.seed ?? DEFAULT_SEED);
  const n = sample.length;
  const buffer = new Array<number>(n);
  const values = new Array<number>(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) buffer[i] = sample[rng.int(n)];
    values[b] = statistic(buffer);
  }
  return percentileInterval(values, statistic(sample), confidence);
}

/**
 * Percentile bootstrap CI of statistic(b) − statistic(a) for two independent samples: each
 * replicate resamples both arms separately (a stratified bootstrap).
 */
export function bootstrapDifferenceCi(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions & { statistic?: (values: readonly number[]) => number } = {},
): ConfidenceInterval {
  const statistic = options.statistic ?? mean;
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (a.length === 0 || b.length === 0) throw invalid('bootstrap needs two non-empty samples');
  const rng = createSeededRandom(options.seed ?? DEFAULT_SEED);
  const bufferA = new Array<number>(a.length);
  const bufferB = new Array<number>(b.length);
  const values = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < a.length; i++) bufferA[i] = a[rng.int(a.length)];
    for (let i = 0; i < b.length; i++) bufferB[i] = b[rng.int(b.length)];
    values[r] = statistic(bufferB) - statistic(bufferA);
  }
  return percentileInterval(values, statistic(b) - statistic(a), confidence);
}

/** The percentile interval of bootstrap replicates around a given point estimate. */
export function percentileInterval(replicates: number[], estimate: number, confidence: number): ConfidenceInterval {
  const sorted = replicates.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const alpha = 1 - confidence;
  return {
    estimate,
    lower: quantileSorted(sorted, alpha / 2),
    upper: quantileSorted(sorted, 1 - alpha / 2),
    confidence,
  };
}
