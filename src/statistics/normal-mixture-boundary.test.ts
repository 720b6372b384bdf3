import { describe, expect, it } from 'vitest';
import { mixturePrecisionFor, normalMixtureHalfWidth, normalMixtureLogRatio } from './normal-mixture-boundary.js';

describe('normal-mixture boundary', () => {
  it('puts the interval edge exactly where the likelihood ratio reaches 1/alpha', () => {
    const alpha = 0.05;
    const v = 400;
    const rho = mixturePrecisionFor(500, alpha);
    const half = normalMixtureHalfWidth(v, rho, alpha);
    expect(normalMixtureLogRatio(v * half, v, rho)).toBeCloseTo(Math.log(1 / alpha), 10);
    expect(normalMixtureLogRatio(v * half * 0.99, v, rho)).toBeLessThan(Math.log(1 / alpha));
  });

  it('is wider than the fixed-horizon 95% interval (the price of peeking) and narrows as data grows', () => {
    const alpha = 0.05;
    const rho = mixturePrecisionFor(1000, alpha);
    const fixedHalf = 1.959964 / Math.sqrt(1000);
    expect(normalMixtureHalfWidth(1000, rho, alpha)).toBeGreaterThan(fixedHalf);
    expect(normalMixtureHalfWidth(1000, rho, alpha)).toBeLessThan(3 * fixedHalf);
    expect(normalMixtureHalfWidth(4000, rho, alpha)).toBeLessThan(normalMixtureHalfWidth(1000, rho, alpha));
  });

  it('has no interval without information', () => {
    expect(normalMixtureHalfWidth(0, 1, 0.05)).toBe(Number.POSITIVE_INFINITY);
  });
});
