// Student t-tests: Welch's unequal-variance two-sample test and the paired test, with the
// confidence interval of the mean difference.
import { invalid } from '../errors/index.js';
import { mean, variance } from './descriptive.js';
import { studentTInverseCdf, studentTTwoSidedP } from './student-t-distribution.js';

/** Result of a t-test on a mean difference (second minus first for two samples). */
export interface TTestResult {
  /** Mean difference: b − a for Welch, candidate − baseline for paired. */
  meanDifference: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  pValue: number;
  lower: number;
  upper: number;
  confidence: number;
}

/**
 * Welch's t-test of mean(b) − mean(a), not assuming equal variances (scipy
 * `ttest_ind(b, a, equal_var=False)`). Each sample needs at least two values.
 */
export function welchTTest(a: readonly number[], b: readonly number[], confidence = 0.95): TTestResult {
  if (a.length < 2 || b.length < 2) throw invalid("Welch's t-test needs at least two values in each sample");
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const difference = mean(b) - mean(a);
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return finish(difference, se, df, confidence);
}

/** Paired t-test of mean(candidate − baseline) over the same items. */
export function pairedTTest(baseline: readonly number[], candidate: readonly number[], confidence = 0.95): TTestResult {
  if (baseline.length !== candidate.length) throw invalid('paired samples must have the same length');
  if (baseline.length < 2) throw invalid('the paired t-test needs at least two pairs');
  const differences = candidate.map((c, i) => c - baseline[i]);
  const se = Math.sqrt(variance(differences) / differences.length);
  return finish(mean(differences), se, differences.length - 1, confidence);
}

function finish(difference: number, se: number, df: number, confidence: number): TTestResult {
  if (se === 0) {
    // No spread: the difference is exact; it is significant unless it is zero.
    return { meanDifference: difference, t: difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY, df, pValue: difference === 0 ? 1 : 0, lower: difference, upper: difference, confidence };
  }
  const t = difference / se;
  const critical = studentTInverseCdf(1 - (1 - confidence) / 2, df);
  return {
    meanDifference: difference,
    t,
    df,
    pValue: studentTTwoSidedP(t, df),
    lower: difference - critical * se,
    upper: difference + critical * se,
    confidence,
  };
}
