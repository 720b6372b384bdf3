// The exact distribution of the one-sample two-sided Kolmogorov–Smirnov statistic D_n (scipy's
// `kstwo`), with the algorithm choice of scipy 1.10's `_kolmogn` (Simard & L'Ecuyer 2011):
// Ruben–Gambino closed forms at the edges, 2·Smirnov (Birnbaum–Tingey) in the upper tail, the
// Durbin matrix (Marsaglia–Tsang–Wang) and the Pelz–Good expansion elsewhere. The two-sample test
// uses it at n = round(nm/(n+m)) for large samples, as scipy's `ks_2samp` does. Where scipy uses
// Pomeranz's recursion (n ≤ 140, 0.754693 < n·x² ≤ 4) this uses the Durbin matrix: both are exact.
import { logGamma } from './special-functions.js';

const SCALE_EXP = 128;
const SCALE = 2 ** SCALE_EXP;
// B₂ⱼ / (2j(2j − 1)) for j = 8 … 1, the Stirling-series coefficients scipy lists as decimals.
const STIRLING = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12];

/** log(n! / nⁿ) by Stirling's series, without forming n·log(n). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}

const clip = (p: number) => Math.min(1, Math.max(0, p));

/** P(D⁺_n ≥ x), the one-sided Smirnov survival function, by the Birnbaum–Tingey sum (all terms positive). */
export function smirnovSurvival(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x));
  const logNFactorial = logGamma(n + 1);
  let sum = 0;
  for (let v = 0; v <= last; v++) {
    const evn = x + v / n;
    const rest = 1 - evn;
    let t = logNFactorial - logGamma(v + 1) - logGamma(n - v + 1) + (v - 1) * Math.log(evn);
    if (n - v > 0) {
      if (rest <= 0) continue;
      t += (n - v) * Math.log(rest);
    }
    sum += Math.exp(t);
  }
  return clip(sum * x);
}

function matmul(a: Float64Array[], b: Float64Array[]): Float64Array[] {
  const m = a.length;
  const out = Array.from({ length: m }, () => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    const row = out[i];
    for (let k = 0; k < m; k++) {
      const aik = a[i][k];
      if (aik === 0) continue;
      const bk = b[k];
      for (let j = 0; j < m; j++) row[j] += aik * bk[j];
    }
  }
  return out;
}

/** P(D_n ≤ d) by Durbin's matrix method as Marsaglia, Tsang and Wang (2003) compute it, with scaling. */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H: Float64Array[] = Array.from({ length: m }, () => new Float64Array(m));
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r][i] = w[r - i + 1];
  for (let r = 0; r < m; r++) H[r][0] = v[r];
  for (let c = 0; c < m; c++) H[m - 1][c] = v[m - 1 - c];
  let power: Float64Array[] = Array.from({ length: m }, (_, i) => {
    const row = new Float64Array(m);
    row[i] = 1;
    return row;
  });
  let exponent = 0;
  let hExponent = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) {
      power = matmul(power, H);
      exponent += hExponent;
    }
    H = matmul(H, H);
    hExponent *= 2;
    if (Math.abs(H[k - 1][k - 1]) > SCALE) {
      for (const row of H) for (let j = 0; j < m; j++) row[j] /= SCALE;
      hExponent += SCALE_EXP;
    }
  }
  let p = power[k - 1][k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / SCALE) {
      p *= SCALE;
      exponent -= SCALE_EXP;
    }
  }
  return clip(exponent === 0 ? p : p * 2 ** exponent);
}

/** P(D_n ≤ x) by the Pelz–Good asymptotic expansion (four terms of Li-Chien / Korolyuk in Jacobi theta form). */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -(Math.PI ** 2) / 8 / z2;
  if (qlog < -708) return 0;
  const q = Math.exp(qlog);
  const pi2 = Math.PI ** 2;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const mm = 2 * k - 1;
    const m2 = mm * mm;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * sqrt2pi) / divisors[i];
  const q2 = Math.exp(-pi2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qp = q2 ** k2;
    k2extra += k2 * qp;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  K[2] += (k2extra * pi2 * sqrt2pi) / (-36 * z ** 3);
  K[3] += (k3extra * pi2 * sqrt2pi) / (216 * z6);
  for (let i = 0; i < 4; i++) K[i] /= n ** (i / 2);
  return K[0] + K[1] + K[2] + K[3];
}

/** P(D_n > x) for the two-sided one-sample KS statistic with n observations (scipy `kstwo.sf(x, n)`). */
export function kolmogorovOneSampleSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= (i / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip(1 - durbinMatrixCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = nx2 >= 18 ? 1 : n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
