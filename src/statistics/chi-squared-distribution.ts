// The chi-squared distribution, through the regularised incomplete gamma function.
import { regularizedGammaP, regularizedGammaQ } from './special-functions.js';

/** P(X ≤ x) for X ~ χ²(df). */
export function chiSquaredCdf(x: number, df: number): number {
  if (x <= 0) return 0;
  return regularizedGammaP(df / 2, x / 2);
}

/** P(X > x) for X ~ χ²(df): the p-value of a chi-squared statistic. */
export function chiSquaredSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
