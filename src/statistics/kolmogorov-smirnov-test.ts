// The two-sample Kolmogorov–Smirnov test: the largest gap between two empirical CDFs, with an
// exact p-value up to 10 000 values per sample and the one-sample KS distribution beyond, as scipy.
import { invalid } from '../errors/index.js';
import { kolmogorovSmirnovExactP } from './kolmogorov-distribution.js';
import { kolmogorovOneSampleSurvival } from './kolmogorov-one-sample.js';

/** Result of {@link kolmogorovSmirnovTest}. */
export interface KolmogorovSmirnovResult {
  /** Largest absolute difference between the two empirical CDFs, in [0, 1]. */
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * Two-sided two-sample KS test, as scipy 1.10's `ks_2samp(method='auto')`: the exact p-value
 * while max(n, m) ≤ 10 000 (scipy's algorithms, see {@link kolmogorovSmirnovExactP}); above that
 * the one-sample distribution `kstwo.sf(D, round(nm/(n+m)))` ({@link kolmogorovOneSampleSurvival}).
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
  const en = roundHalfToEven((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovOneSampleSurvival(en, d), method: 'asymptotic' };
}

/** numpy's `round`: halves go to the even neighbour (5000.5 → 5000), unlike Math.round. */
function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}
