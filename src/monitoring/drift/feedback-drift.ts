// Drift of feedback scores. Ratings and thumbs are a few discrete levels, where KS is
// conservative and Wasserstein's normalisation is coarse, so they are compared as categories.
import { detectCategoricalDrift } from './categorical-drift.js';
import type { DriftResult } from './drift-result.js';
import { type NumericDriftOptions, detectNumericDrift } from './numeric-drift.js';

/** Scores with at most this many distinct integer levels are treated as categories. */
export const MAX_DISCRETE_LEVELS = 11;

/** Compares reference and current feedback scores (thumbs 0/1, ratings 1–5, or continuous scores). */
export function detectFeedbackDrift(feature: string, reference: readonly number[], current: readonly number[], options: NumericDriftOptions = {}): DriftResult {
  const all = [...reference, ...current];
  const levels = new Set(all);
  if (all.every(Number.isInteger) && levels.size <= MAX_DISCRETE_LEVELS && options.test === undefined) {
    const count = (values: readonly number[]) => {
      const counts: Record<string, number> = {};
      for (const level of levels) counts[String(level)] = 0;
      for (const v of values) counts[String(v)]++;
      return counts;
    };
    return detectCategoricalDrift(feature, count(reference), count(current), { threshold: options.threshold, prefer: options.prefer });
  }
  return detectNumericDrift(feature, reference, current, options);
}
