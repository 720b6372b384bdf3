import { describe, expect, it } from 'vitest';
import { mean, standardDeviation, sum, variance } from './descriptive.js';
import { median, quantile, quantiles } from './quantile.js';
import { createSeededRandom } from './seeded-random.js';

describe('descriptive statistics', () => {
  it('computes mean and both variances of the textbook sample', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(variance(xs, 0)).toBe(4);
    expect(variance(xs)).toBeCloseTo(32 / 7, 14);
    expect(standardDeviation(xs, 0)).toBe(2);
    expect(Number.isNaN(mean([]))).toBe(true);
    expect(Number.isNaN(variance([1]))).toBe(true);
  });
  it('sums without losing small terms', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1);
  });
});

describe('quantile (numpy linear)', () => {
  it('matches numpy.quantile', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantiles([10, 1, 5], [0, 1])).toEqual([1, 10]);
    expect(median([3, 1, 2])).toBe(2);
    // Numeric order, not string order.
    expect(quantile([10, 9, 100], 0)).toBe(9);
  });
});

describe('seeded random', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = createSeededRandom(1);
    const b = createSeededRandom(1);
    const c = createSeededRandom(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('is close to uniform and normal', () => {
    const rng = createSeededRandom(99);
    const u = Array.from({ length: 20_000 }, () => rng.next());
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const z = Array.from({ length: 20_000 }, () => rng.normal());
    expect(Math.abs(mean(z))).toBeLessThan(0.03);
    expect(standardDeviation(z)).toBeCloseTo(1, 1);
  });
});
