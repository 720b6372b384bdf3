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
 * Two-sided two-sample KS test. Like scipy's `ks_2samp(method='auto')`, the p-value is exact when
 * n·m ≤ 10 000 (and n + m ≤ 1000); otherwise it uses the Kolmogorov distribution at
 * (√nₑ + 0.12 + 0.11/√nₑ)·D with nₑ = nm/(n+m) (Stephens' small-sample correction).
 */
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
  if (n * m <= 10_000 && n + m <= 1000) {
    return { statistic: d, pValue: kolmogorovSmirnovExactP(d, n, m), method: 'exact' };
  }
  const ne = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovSurvival((ne + 0.12 + 0.11 / ne) * d), method: 'asymptotic' };
}
