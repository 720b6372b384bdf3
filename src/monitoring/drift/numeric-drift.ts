// Drift of a numeric feature (input length, output length, latency, a score) between a reference
// sample and a current one, with the test picked by chooseDriftTest unless one is forced.
import { invalid } from '../../errors/index.js';
import {
  DRIFT_TEST_DEFAULTS,
  type DriftTestName,
  chiSquaredHomogeneityTest,
  chooseDriftTest,
  jensenShannonDivergence,
  kolmogorovSmirnovTest,
  mean,
  populationStabilityIndex,
  quantiles,
  standardDeviation,
  wassersteinDistance,
} from '../../statistics/index.js';
import type { DriftResult } from './drift-result.js';

/** Options of {@link detectNumericDrift}. */
export interface NumericDriftOptions {
  /** Force a test instead of {@link chooseDriftTest}'s pick. */
  test?: DriftTestName;
  /** Ask chooseDriftTest for PSI. */
  prefer?: 'psi';
  /** Overrides the test's default threshold. */
  threshold?: number;
  /** Bins (reference quantiles) for JS, PSI and chi-squared on numbers. Default 10. */
  bins?: number;
}

/**
 * Bins both samples on the reference's quantile edges (equal-frequency bins), so each bin holds
 * about the same share of the reference and the tails are not lost in one bin.
 */
export function binOnReferenceQuantiles(reference: readonly number[], current: readonly number[], bins: number): { reference: number[]; current: number[] } {
  const edges = [...new Set(quantiles(reference, Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins)))];
  const count = (values: readonly number[]) => {
    const counts = new Array<number>(edges.length + 1).fill(0);
    for (const v of values) {
      let k = 0;
      while (k < edges.length && v > edges[k]) k++;
      counts[k]++;
    }
    return counts;
  };
  return { reference: count(reference), current: count(current) };
}

/**
 * Compares `current` with `reference`. Normalised Wasserstein is W₁ divided by the reference
 * standard deviation (so the threshold reads "shift in reference σ"); JS is the distance (√ of the
 * divergence in bits) over equal-frequency bins.
 */
export function detectNumericDrift(feature: string, reference: readonly number[], current: readonly number[], options: NumericDriftOptions = {}): DriftResult {
  if (reference.length === 0 || current.length === 0) throw invalid(`drift of ${feature} needs non-empty reference and current samples`);
  const test = options.test ?? chooseDriftTest(reference.length, current.length, 'numeric', { prefer: options.prefer });
  const threshold = options.threshold ?? DRIFT_TEST_DEFAULTS[test].threshold;
  const base = { feature, test, threshold, nReference: reference.length, nCurrent: current.length };
  const bins = options.bins ?? 10;
  switch (test) {
    case 'ks': {
      const r = kolmogorovSmirnovTest(reference, current);
      return { ...base, statistic: r.statistic, pValue: r.pValue, drifted: r.pValue < threshold, details: { method: r.method } };
    }
    case 'chi_squared': {
      const binned = binOnReferenceQuantiles(reference, current, bins);
      const r = chiSquaredHomogeneityTest([binned.reference, binned.current]);
      return { ...base, statistic: r.statistic, pValue: r.pValue, drifted: r.pValue < threshold, details: { df: r.df } };
    }
    case 'wasserstein': {
      const w = wassersteinDistance(reference, current);
      const sd = reference.length > 1 ? standardDeviation(reference) : 0;
      // A constant reference has no spread to normalise by; fall back to its magnitude.
      const scale = sd > 0 ? sd : Math.abs(mean(reference)) || 1;
      const statistic = w / scale;
      return { ...base, statistic, drifted: statistic > threshold, details: { wasserstein: w, scale } };
    }
    case 'jensen_shannon': {
      const binned = binOnReferenceQuantiles(reference, current, bins);
      const statistic = Math.sqrt(jensenShannonDivergence(binned.reference, binned.current));
      return { ...base, statistic, drifted: statistic > threshold };
    }
    case 'psi': {
      const binned = binOnReferenceQuantiles(reference, current, bins);
      const statistic = populationStabilityIndex(binned.reference, binned.current);
      return { ...base, statistic, drifted: statistic > threshold };
    }
  }
}
