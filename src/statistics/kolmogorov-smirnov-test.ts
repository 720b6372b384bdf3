// The two-sample Kolmogorov–Smirnov test: the largest gap between two empirical CDFs, with an
// exact p-value for small samples and the asymptotic Kolmogorov distribution otherwise.
import { invalid } from '../errors/index.js';
import { kolmogorovSmirnovExactP, kolmogorovSurvival } from './kolmogorov-distribution.js';

/** Result of {@link kolmogorovSmirnovTest}. */
export interface KolmogorovSmirnovResult {
  /** Largest absolute difference between the two empirical CDFs, in [0, 1]. */
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * Two-sided two-sample KS test. The switch is scipy 1.10's `ks_2samp(method='auto')`: exact
 * p-value while max(n, m) ≤ 10 000, the same exact algorithms as scipy (see
 * {@link kolmogorovSmirnovExactP}). Above that scipy uses the one-sample distribution
 * `kstwo.sf(D, round(nₑ))`; this uses the limiting Kolmogorov distribution at
 * (√nₑ + 0.12 + 0.11/√nₑ)·D with nₑ = nm/(n+m) (Stephens' correction), which differs from scipy's
 * by well under 1e-3 at those sizes.
 */
/** scipy's MAX_AUTO_N: `method='auto'` is exact while both samples have at most this many values. */
const EXACT_MAX_N = 10_000;

export function kolmogorovSmirnovTest(a: readonly number[], b: readonly number[]): KolmogorovSmirnovResult {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw invalid('the KS test needs two non-empty samples');
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const value = Math.min(x[i], y[j]);
    while (i < n && x[i] === value) i++;
    while (j < m && y[j] === value) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  if (Math.max(n, m) <= EXACT_MAX_N) {
    return { statistic: d, pValue: kolmogorovSmirnovExactP(d, n, m), method: 'exact' };
  }
  const ne = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovSurvival((ne + 0.12 + 0.11 / ne) * d), method: 'asymptotic' };
}
