import { describe, expect, it } from 'vitest';
import { chiSquaredCdf, chiSquaredSurvival } from './chi-squared-distribution.js';
import { kolmogorovCdf, kolmogorovSmirnovExactP, kolmogorovSurvival } from './kolmogorov-distribution.js';
import { normalCdf, normalInverseCdf, normalSurvival } from './normal-distribution.js';
import { logGamma } from './special-functions.js';
import { studentTCdf, studentTInverseCdf, studentTTwoSidedP } from './student-t-distribution.js';

// Independent oracle: Simpson integration of the t density from 0 to t.
function tCdfByIntegration(t: number, df: number): number {
  const c = Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2)) / Math.sqrt(df * Math.PI);
  const pdf = (x: number) => c * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const steps = 20_000;
  const h = t / steps;
  let s = pdf(0) + pdf(t);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  return 0.5 + (s * h) / 3;
}

describe('normal distribution', () => {
  it('matches standard table values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSurvival(8) / 6.22096057427178e-16).toBeCloseTo(1, 8);
  });
  it('inverts the CDF to full precision, tails included', () => {
    expect(normalInverseCdf(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalInverseCdf(0.001)).toBeCloseTo(-3.090232306167813, 12);
    for (const p of [1e-10, 0.01, 0.3, 0.5, 0.77, 0.999999]) expect(normalCdf(normalInverseCdf(p)) / p).toBeCloseTo(1, 10);
  });
});

describe('Student t distribution', () => {
  it('agrees with closed forms for 1 and 2 degrees of freedom', () => {
    for (const t of [-3, -0.5, 0.2, 1, 4.5]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
  });
  it('matches t tables', () => {
    expect(studentTCdf(2.228138851986274, 10)).toBeCloseTo(0.975, 12);
    expect(studentTInverseCdf(0.975, 10)).toBeCloseTo(2.228138851986274, 9);
    expect(studentTInverseCdf(0.975, 5)).toBeCloseTo(2.570581835636314, 9);
    expect(studentTInverseCdf(0.95, 1)).toBeCloseTo(6.313751514675043, 8);
    expect(studentTTwoSidedP(2.570581835636314, 5)).toBeCloseTo(0.05, 12);
  });
  it('agrees with numerical integration for fractional degrees of freedom', () => {
    for (const [t, df] of [[1.8973665961010275, 5.882352941176471], [0.7, 2.5], [3.1, 17.3]]) {
      expect(studentTCdf(t, df)).toBeCloseTo(tCdfByIntegration(t, df), 9);
    }
  });
});

describe('chi-squared distribution', () => {
  it('matches critical values and closed forms', () => {
    expect(chiSquaredSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquaredSurvival(11.070497693516351, 5)).toBeCloseTo(0.05, 12);
    expect(chiSquaredCdf(2, 2)).toBeCloseTo(1 - Math.exp(-1), 14);
    for (const x of [0.5, 3, 9, 30]) expect(chiSquaredCdf(x, 4)).toBeCloseTo(1 - Math.exp(-x / 2) * (1 + x / 2), 13);
    // χ²(1) is the square of a standard normal.
    expect(chiSquaredSurvival(2.5 ** 2, 1)).toBeCloseTo(2 * normalSurvival(2.5), 14);
  });
});

describe('Kolmogorov distribution', () => {
  it('has its 5 % critical value at 1.3581', () => {
    expect(kolmogorovSurvival(1.3580986393225507)).toBeCloseTo(0.05, 10);
    expect(kolmogorovCdf(0.5)).toBeCloseTo(0.0361, 4);
  });
  it('is continuous where the two series meet', () => {
    expect(Math.abs(kolmogorovSurvival(0.999999) - kolmogorovSurvival(1.000001))).toBeLessThan(1e-5);
  });
  it('gives exact small-sample p-values by path counting', () => {
    // D = 1 with n = m = 5: only the 2 fully separated orderings of C(10, 5) = 252.
    expect(kolmogorovSmirnovExactP(1, 5, 5)).toBeCloseTo(2 / 252, 14);
    // n = m = 3, D = 2/3: 8 of the 20 paths stay within |i − j| ≤ 1.
    expect(kolmogorovSmirnovExactP(2 / 3, 3, 3)).toBeCloseTo(0.6, 14);
  });
});
