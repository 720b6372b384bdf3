// The answer of every drift check: which test ran, its statistic and p-value, the threshold it
// was judged against, and whether the feature drifted.
import type { DriftTestName } from '../../statistics/index.js';

/** Test names: the statistics tests plus the embedding test. */
export type DriftTest = DriftTestName | 'pca_ks_bonferroni' | 'counterfactual_gap';

export interface DriftResult {
  feature: string;
  test: DriftTest;
  /** KS D, χ², normalised W₁, JS distance, PSI, or the largest per-component KS D. */
  statistic: number;
  /** For hypothesis tests (ks, chi_squared, pca_ks_bonferroni). */
  pValue?: number;
  /** For p-value tests, drift when pValue < threshold; for distances, when statistic > threshold. */
  threshold: number;
  drifted: boolean;
  nReference: number;
  nCurrent: number;
  /** Test-specific extras (e.g. the mean-embedding cosine distance). */
  details?: Record<string, number | string>;
}
