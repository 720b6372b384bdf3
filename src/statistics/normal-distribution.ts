// The standard normal distribution: CDF through the incomplete gamma function (erfc), and its
// inverse by Acklam's rational approximation refined with one Halley step on the lower tail (~1e-15).
import { regularizedGammaP, regularizedGammaQ } from './special-functions.js';

/** Complementary error function erfc(x) = 1 − erf(x), accurate in both tails. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  // erf(x) = P(1/2, x²) for x ≥ 0.
  return x >= 0 ? regularizedGammaQ(0.5, x * x) : 1 + regularizedGammaP(0.5, x * x);
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number, mean = 0, sd = 1): number {
  return 0.5 * erfc(-(z - mean) / (sd * Math.SQRT2));
}

/** P(Z > z), accurate for large z where 1 − normalCdf(z) would lose digits. */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Density of the standard normal distribution. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * The z such that P(Z ≤ z) = p (the probit), for 0 < p < 1. The upper half is computed by
 * symmetry as −probit(1 − p): 1 − p is exact there (Sterbenz), and the Halley step then refines
 * against the lower tail, where the CDF keeps full relative precision — refining against
 * normalCdf(x) ≈ 1 directly would lose every digit of p ≥ 1 − 1e-6 (matches scipy's ndtri to 1e-15).
 */
export function normalInverseCdf(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  return p > 0.5 ? -lowerProbit(1 - p) : lowerProbit(p);
}

/** Probit of 0 < p ≤ 0.5 (z ≤ 0). */
function lowerProbit(p: number): number {
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  // One Halley step brings the approximation (1e-9) to full double precision.
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
