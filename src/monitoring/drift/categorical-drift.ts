// Drift of a categorical distribution given as counts: token distributions of prompts or outputs,
// finish reasons, languages, tool names. Long tails are folded into one "__other__" bin.
import { invalid } from '../../errors/index.js';
import { DRIFT_TEST_DEFAULTS, type DriftTestName, alignCounts, chiSquaredHomogeneityTest, chooseDriftTest, jensenShannonDivergence, populationStabilityIndex } from '../../statistics/index.js';
import type { DriftResult } from './drift-result.js';

export type CategoryCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** Options of {@link detectCategoricalDrift}. */
export interface CategoricalDriftOptions {
  test?: DriftTestName;
  prefer?: 'psi';
  threshold?: number;
  /** Keep the K most frequent categories of each side, fold the rest (default 200). */
  topK?: number;
}

function total(counts: CategoryCounts): number {
  const values = counts instanceof Map ? [...counts.values()] : Object.values(counts);
  return values.reduce((s: number, v: number) => s + v, 0);
}

/**
 * Compares category counts. Sample sizes for the test choice are the total counts (for tokens:
 * the number of tokens observed). KS and Wasserstein do not apply to categories: if forced, they
 * are replaced by chi-squared and Jensen–Shannon.
 */
export function detectCategoricalDrift(feature: string, reference: CategoryCounts, current: CategoryCounts, options: CategoricalDriftOptions = {}): DriftResult {
  const nReference = total(reference);
  const nCurrent = total(current);
  if (nReference === 0 || nCurrent === 0) throw invalid(`drift of ${feature} needs counts on both sides`);
  let test = options.test ?? chooseDriftTest(nReference, nCurrent, 'categorical', { prefer: options.prefer });
  if (test === 'ks') test = 'chi_squared';
  if (test === 'wasserstein') test = 'jensen_shannon';
  const threshold = options.threshold ?? DRIFT_TEST_DEFAULTS[test].threshold;
  const aligned = alignCounts(reference, current, options.topK ?? 200);
  const base = { feature, test, threshold, nReference, nCurrent, details: { categories: aligned.keys.length } };
  if (test === 'chi_squared') {
    const r = chiSquaredHomogeneityTest([aligned.reference, aligned.current]);
    return { ...base, statistic: r.statistic, pValue: r.pValue, drifted: r.pValue < threshold, details: { ...base.details, df: r.df } };
  }
  if (test === 'psi') {
    const statistic = populationStabilityIndex(aligned.reference, aligned.current);
    return { ...base, statistic, drifted: statistic > threshold };
  }
  const statistic = Math.sqrt(jensenShannonDivergence(aligned.reference, aligned.current));
  return { ...base, statistic, drifted: statistic > threshold };
}
