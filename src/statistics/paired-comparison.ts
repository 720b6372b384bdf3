// Comparison of two runs over the same items (e.g. two model versions on one eval dataset): mean
// difference with a bootstrap CI, sign-flip and paired-t p-values, and the items that regressed.
import { invalid } from '../errors/index.js';
import { type ConfidenceInterval, bootstrapCi } from './bootstrap.js';
import { assertFiniteSample, mean } from './descriptive.js';
import { signFlipTest } from './sign-flip-test.js';
import { type TTestResult, pairedTTest } from './t-tests.js';

/** Input of {@link comparePaired}. Arrays are aligned: index i is the same item in both runs. */
export interface PairedComparisonInput {
  baseline: readonly number[];
  candidate: readonly number[];
  /** Item identifiers, aligned with the scores; defaults to the index as a string. */
  itemIds?: readonly string[];
  /** An item regressed when it got worse by more than this (default 0). */
  regressionThreshold?: number;
  /** Whether a higher score is better (default true; false for latency, cost, error). */
  higherIsBetter?: boolean;
  confidence?: number;
  resamples?: number;
  seed?: number;
}

/** An item whose candidate score is worse than its baseline score by more than the threshold. */
export interface RegressedItem {
  itemId: string;
  baseline: number;
  candidate: number;
  difference: number;
}

/** Result of {@link comparePaired}; differences are candidate − baseline. */
export interface PairedComparison {
  n: number;
  baselineMean: number;
  candidateMean: number;
  meanDifference: number;
  /** Percentile bootstrap CI of the mean difference. */
  ci: ConfidenceInterval;
  /** Two-sided p-value of the sign-flip permutation test. */
  permutationPValue: number;
  /** Paired t-test (null with fewer than two pairs). */
  tTest: TTestResult | null;
  /** Items that got worse by more than the threshold, worst first. */
  regressions: RegressedItem[];
}

/**
 * Compares two runs on the same items.
 *
 * @example
 * comparePaired({ baseline: [0.9, 0.8, 1], candidate: [0.7, 0.8, 1], itemIds: ['a', 'b', 'c'], regressionThreshold: 0.1 });
 */
export function comparePaired(input: PairedComparisonInput): PairedComparison {
  const { baseline, candidate } = input;
  if (baseline.length !== candidate.length) {
    throw invalid(`paired runs must score the same items (baseline has ${baseline.length}, candidate ${candidate.length})`);
  }
  if (baseline.length === 0) throw invalid('paired comparison needs at least one item');
  if (input.itemIds && input.itemIds.length !== baseline.length) throw invalid('itemIds must align with the scores');
  assertFiniteSample(baseline, 'baseline');
  assertFiniteSample(candidate, 'candidate');
  const confidence = input.confidence ?? 0.95;
  const differences = candidate.map((c, i) => c - baseline[i]);
  const threshold = input.regressionThreshold ?? 0;
  const higherIsBetter = input.higherIsBetter ?? true;
  const regressions: RegressedItem[] = [];
  differences.forEach((difference, i) => {
    const worsening = higherIsBetter ? -difference : difference;
    if (worsening > threshold) {
      regressions.push({ itemId: input.itemIds?.[i] ?? String(i), baseline: baseline[i], candidate: candidate[i], difference });
    }
  });
  regressions.sort((a, b) => (higherIsBetter ? a.difference - b.difference : b.difference - a.difference));
  return {
    n: differences.length,
    baselineMean: mean(baseline),
    candidateMean: mean(candidate),
    meanDifference: mean(differences),
    ci: bootstrapCi(differences, { confidence, resamples: input.resamples, seed: input.seed }),
    permutationPValue: signFlipTest(differences, { seed: input.seed }),
    tTest: differences.length >= 2 ? pairedTTest(baseline, candidate, confidence) : null,
    regressions,
  };
}
