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
 * Exact two-sided p-value P(D ≥ d) of the two-sample KS statistic under H0, as scipy 1.10's
 * `ks_2samp` computes it: for n = m the Horner form of the alternating binomial sum, otherwise
 * the lattice-path recursion of Hodges rewritten by Viehmann (arXiv:2102.08037) to carry 1 − p
 * directly. Both work on the probability of leaving the band, never on 1 − (paths inside)/total,
 * so a p-value of 1e-100 keeps its digits instead of cancelling to 0.
 */
export function kolmogorovSmirnovExactP(d: number, n: number, m: number): number {
  if (d <= 0) return 1;
  const g = gcd(n, m);
  const lcm = (n / g) * m;
  // D is a multiple of 1/lcm(n, m); h is the band half-width in those units.
  const h = Math.round(d * lcm);
  if (h === 0) return 1;
  const p = n === m ? probOutsideSquare(n, h) : probOutsideBand(n, m, g, h);
  return Math.min(1, Math.max(0, p));
}

/** P(D_{n,n} ≥ h/n) = 2·Σ_k (−1)^(k+1) C(2n, n−kh)/C(2n, n), as nested products (no cancellation). */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/** Share of lattice paths (0,0)→(m,n) that touch |x/m − y/n| ≥ h/lcm(m, n), by the 1 − p recursion. */
function probOutsideBand(a: number, b: number, g: number, h: number): number {
  const [m, n] = a >= b ? [a, b] : [b, a];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  // A[j] holds the probability that a path to (i, j) has already left the band; ones outside the window.
  const A = new Float64Array(Math.max(lenA, 1)).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (A[jj + minj - lastminj] * i + value * j) / (i + j);
      A[jj] = value;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

function gcd(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
