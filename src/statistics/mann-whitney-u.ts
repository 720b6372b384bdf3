// The Mann–Whitney U test (Wilcoxon rank-sum): a rank-based two-sample test that does not assume
// normality, with the normal approximation, tie correction and continuity correction (scipy's
// `mannwhitneyu(..., method='asymptotic')`).
import { invalid } from '../errors/index.js';
import { normalSurvival } from './normal-distribution.js';

/** Result of {@link mannWhitneyU}: U is the statistic of the first sample. */
export interface MannWhitneyResult {
  u: number;
  z: number;
  pValue: number;
}

/** Two-sided Mann–Whitney U test of `a` against `b`. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw invalid('the Mann-Whitney test needs two non-empty samples');
  const all = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))].sort((x, y) => x.value - y.value);
  const n = all.length;
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1].value === all[i].value) j++;
    const rank = (i + j + 2) / 2;
    const ties = j - i + 1;
    tieTerm += ties ** 3 - ties;
    for (let k = i; k <= j; k++) if (all[k].first) rankSumA += rank;
    i = j + 1;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sigma === 0) return { u, z: 0, pValue: 1 };
  const z = (Math.abs(u - mu) - 0.5) / sigma;
  return { u, z, pValue: Math.min(1, 2 * normalSurvival(Math.max(z, 0))) };
}
