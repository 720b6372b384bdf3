// The paired permutation (sign-flip) test: under H0 each paired difference is as likely to be
// positive as negative, so flipping signs at random gives the null distribution of the mean.
import { DEFAULT_SEED, createSeededRandom } from './seeded-random.js';

/** Options of {@link signFlipTest}. */
export interface SignFlipOptions {
  /** Monte Carlo permutations when exact enumeration is too large (default 10 000). */
  permutations?: number;
  seed?: number;
  /** Enumerate all 2ⁿ sign assignments when n ≤ this (default 16). */
  exactUpTo?: number;
}

/**
 * Two-sided p-value of mean(differences) ≠ 0. Exact for small n; otherwise Monte Carlo with the
 * (count + 1) / (B + 1) estimator, which never returns 0.
 */
export function signFlipTest(differences: readonly number[], options: SignFlipOptions = {}): number {
  const n = differences.length;
  if (n === 0) return 1;
  const observed = Math.abs(differences.reduce((s, d) => s + d, 0));
  // A relative tolerance keeps float noise from deciding ties with the observed statistic.
  const tolerance = 1e-12 * differences.reduce((s, d) => s + Math.abs(d), 0);
  if (n <= (options.exactUpTo ?? 16)) {
    let extreme = 0;
    const total = 2 ** n;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += mask & (1 << i) ? -differences[i] : differences[i];
      if (Math.abs(s) >= observed - tolerance) extreme++;
    }
    return extreme / total;
  }
  const permutations = options.permutations ?? 10_000;
  const rng = createSeededRandom(options.seed ?? DEFAULT_SEED);
  let extreme = 0;
  for (let b = 0; b < permutations; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rng.next() < 0.5 ? -differences[i] : differences[i];
    if (Math.abs(s) >= observed - tolerance) extreme++;
  }
  return (extreme + 1) / (permutations + 1);
}
