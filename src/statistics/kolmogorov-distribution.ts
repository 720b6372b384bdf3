// The limiting Kolmogorov distribution of √n·D (scipy's kstwobign) and the exact two-sample KS
// distribution for small samples (lattice-path count).

/** P(K > x) for the Kolmogorov distribution. */
export function kolmogorovSurvival(x: number): number {
  if (x <= 0) return 1;
  if (x < 1) {
    // For small x the alternating series converges slowly; use the Jacobi theta form of the CDF.
    const factor = Math.sqrt(2 * Math.PI) / x;
    let cdf = 0;
    for (let k = 1; k <= 50; k++) {
      const term = Math.exp(-((2 * k - 1) ** 2) * Math.PI * Math.PI / (8 * x * x));
      cdf += term;
      if (term < 1e-17) break;
    }
    return 1 - factor * cdf;
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** P(K ≤ x) for the Kolmogorov distribution. */
export function kolmogorovCdf(x: number): number {
  return 1 - kolmogorovSurvival(x);
}

/**
 * Exact two-sided p-value P(D ≥ d) of the two-sample KS statistic under H0, by counting monotone
 * lattice paths that stay strictly inside the band |i/n − j/m| < d. Feasible while n + m ≤ 1000.
 */
export function kolmogorovSmirnovExactP(d: number, n: number, m: number): number {
  if (d <= 0) return 1;
  // Work in integers: |i·m − j·n| < d·n·m; D is a multiple of 1/lcm(n, m), so rounding is safe.
  const bound = Math.round(d * n * m);
  const inside = (i: number, j: number) => Math.abs(i * m - j * n) < bound;
  // Path counts reach C(n+m, n) ≈ 1e299 at n + m = 1000, still inside a double.
  let row = new Float64Array(m + 1);
  row[0] = 1;
  for (let j = 1; j <= m; j++) row[j] = inside(0, j) ? row[j - 1] : 0;
  for (let i = 1; i <= n; i++) {
    const next = new Float64Array(m + 1);
    next[0] = inside(i, 0) ? row[0] : 0;
    for (let j = 1; j <= m; j++) next[j] = inside(i, j) ? next[j - 1] + row[j] : 0;
    row = next;
  }
  const insidePaths = row[m];
  const total = Math.exp(logBinomial(n + m, n));
  return Math.min(1, Math.max(0, 1 - insidePaths / total));
}

function logBinomial(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}
