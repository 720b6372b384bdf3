// The rule that picks a drift test from sample sizes and the kind of data, so every feature is
// judged the same way (after Evidently's defaults).

export const DRIFT_TESTS = ['ks', 'chi_squared', 'wasserstein', 'jensen_shannon', 'psi'] as const;
export type DriftTestName = (typeof DRIFT_TESTS)[number];

export const DRIFT_DATA_KINDS = ['numeric', 'categorical'] as const;
export type DriftDataKind = (typeof DRIFT_DATA_KINDS)[number];

/** Below or at this many observations in the smaller sample, hypothesis tests are used. */
export const SMALL_SAMPLE_LIMIT = 1000;

/** Default drift threshold of each test, and whether it is compared to a p-value or a distance. */
export const DRIFT_TEST_DEFAULTS: Record<DriftTestName, { threshold: number; on: 'p_value' | 'statistic' }> = {
  ks: { threshold: 0.05, on: 'p_value' },
  chi_squared: { threshold: 0.05, on: 'p_value' },
  // Wasserstein distance divided by the reference standard deviation.
  wasserstein: { threshold: 0.1, on: 'statistic' },
  // Jensen–Shannon distance (square root of the divergence in bits).
  jensen_shannon: { threshold: 0.1, on: 'statistic' },
  psi: { threshold: 0.2, on: 'statistic' },
};

/**
 * Picks the drift test:
 * - `psi` when asked for (`options.prefer === 'psi'`), for either kind;
 * - when the smaller sample has ≤ {@link SMALL_SAMPLE_LIMIT} observations: two-sample KS for
 *   numeric data, chi-squared for categorical data — tests with p-values are reliable and not yet
 *   over-powered at these sizes;
 * - above that: normalised Wasserstein for numeric, Jensen–Shannon distance for categorical —
 *   with many observations a test flags practically meaningless shifts as significant, so a
 *   distance with a fixed threshold says more about the size of the shift.
 */
export function chooseDriftTest(nReference: number, nCurrent: number, kind: DriftDataKind, options: { prefer?: 'psi' } = {}): DriftTestName {
  if (options.prefer === 'psi') return 'psi';
  const small = Math.min(nReference, nCurrent) <= SMALL_SAMPLE_LIMIT;
  if (kind === 'numeric') return small ? 'ks' : 'wasserstein';
  return small ? 'chi_squared' : 'jensen_shannon';
}
