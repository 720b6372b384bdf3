import { describe, expect, it } from 'vitest';
import { chiSquaredHomogeneityTest } from './chi-squared-test.js';
import { chooseDriftTest } from './choose-drift-test.js';
import { alignCounts, jensenShannonDivergence, populationStabilityIndex } from './distribution-divergence.js';
import { kolmogorovSmirnovTest } from './kolmogorov-smirnov-test.js';
import { normalSurvival } from './normal-distribution.js';
import { createSeededRandom } from './seeded-random.js';
import { wassersteinDistance } from './wasserstein-distance.js';

describe('two-sample Kolmogorov-Smirnov', () => {
  it('matches scipy ks_2samp on small samples (exact)', () => {
    const r = kolmogorovSmirnovTest([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r).toEqual({ statistic: 1, pValue: expect.closeTo(2 / 252, 14), method: 'exact' });
    const s = kolmogorovSmirnovTest([1, 2, 4], [3, 5, 6]);
    expect(s.statistic).toBeCloseTo(2 / 3, 14);
    expect(s.pValue).toBeCloseTo(0.6, 14);
  });
  it('detects a shift on large samples and not its absence', () => {
    const rng = createSeededRandom(11);
    const a = Array.from({ length: 2000 }, () => rng.normal());
    const same = Array.from({ length: 2000 }, () => rng.normal());
    const shifted = Array.from({ length: 2000 }, () => rng.normal() + 0.3);
    const r = kolmogorovSmirnovTest(a, shifted);
    // scipy's method='auto' is exact up to 10 000 values per sample.
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeLessThan(1e-6);
    expect(kolmogorovSmirnovTest(a, same).pValue).toBeGreaterThan(0.01);
  });
});

describe('chi-squared homogeneity', () => {
  it('computes the statistic of a 2×2 table', () => {
    const r = chiSquaredHomogeneityTest([[10, 20], [20, 10]]);
    expect(r.statistic).toBeCloseTo(20 / 3, 12);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeCloseTo(2 * normalSurvival(Math.sqrt(20 / 3)), 12);
  });
  it('drops categories empty in both samples', () => {
    const r = chiSquaredHomogeneityTest([[5, 0, 5], [5, 0, 5]]);
    expect(r).toMatchObject({ statistic: 0, df: 1, pValue: 1, categories: 2 });
    expect(() => chiSquaredHomogeneityTest([[1, 2]])).toThrow();
  });
});

describe('Wasserstein distance', () => {
  it('matches scipy documentation examples', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
    expect(wassersteinDistance([0, 1], [0, 1], [3, 1], [2, 2])).toBeCloseTo(0.25, 12);
    expect(wassersteinDistance([3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5])).toBeCloseTo(4.0781331438047861, 12);
  });
});

describe('divergences', () => {
  it('Jensen-Shannon is 0 for equal, 1 for disjoint, and matches a hand computation', () => {
    expect(jensenShannonDivergence([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 14);
    expect(jensenShannonDivergence([1, 0], [0, 1])).toBeCloseTo(1, 14);
    // M = (0.75, 0.25): ½·log2(4/3) + ½·(½·log2(2/3) + ½·log2(2)).
    expect(jensenShannonDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(0.5 * Math.log2(4 / 3) + 0.25 * Math.log2(2 / 3) + 0.25, 14);
  });
  it('PSI matches the formula and grows with the shift', () => {
    expect(populationStabilityIndex([50, 50], [60, 40])).toBeCloseTo(0.1 * Math.log(1.2) - 0.1 * Math.log(0.8), 14);
    expect(populationStabilityIndex([1, 1, 1], [1, 1, 1])).toBe(0);
    expect(populationStabilityIndex([50, 50], [90, 10])).toBeGreaterThan(0.2);
  });
  it('aligns token counts, folding the tail into __other__', () => {
    expect(alignCounts({ a: 1, b: 2 }, { b: 1, c: 5 })).toEqual({ keys: ['a', 'b', 'c'], reference: [1, 2, 0], current: [0, 1, 5] });
    const folded = alignCounts({ a: 10, b: 5, c: 1 }, { a: 8, d: 3, c: 1 }, 1);
    expect(folded).toEqual({ keys: ['a', '__other__'], reference: [10, 6], current: [8, 4] });
  });
});

describe('chooseDriftTest', () => {
  it('uses tests for small samples, distances for large, PSI on request', () => {
    expect(chooseDriftTest(500, 800, 'numeric')).toBe('ks');
    expect(chooseDriftTest(500, 800, 'categorical')).toBe('chi_squared');
    expect(chooseDriftTest(5000, 8000, 'numeric')).toBe('wasserstein');
    expect(chooseDriftTest(5000, 8000, 'categorical')).toBe('jensen_shannon');
    expect(chooseDriftTest(50_000, 200, 'numeric')).toBe('ks');
    expect(chooseDriftTest(10, 10, 'numeric', { prefer: 'psi' })).toBe('psi');
  });
});
