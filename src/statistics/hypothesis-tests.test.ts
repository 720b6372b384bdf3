import { describe, expect, it } from 'vitest';
import { bootstrapCi, bootstrapDifferenceCi } from './bootstrap.js';
import { mean } from './descriptive.js';
import { mannWhitneyU } from './mann-whitney-u.js';
import { normalSurvival } from './normal-distribution.js';
import { comparePaired } from './paired-comparison.js';
import { twoProportionZTest } from './proportion-test.js';
import { quantile } from './quantile.js';
import { createSeededRandom } from './seeded-random.js';
import { signFlipTest } from './sign-flip-test.js';
import { studentTTwoSidedP } from './student-t-distribution.js';
import { pairedTTest, welchTTest } from './t-tests.js';

describe('bootstrap', () => {
  const rng = createSeededRandom(5);
  const sample = Array.from({ length: 400 }, () => 10 + 2 * rng.normal());

  it('is reproducible with a seed', () => {
    expect(bootstrapCi(sample, { seed: 3 })).toEqual(bootstrapCi(sample, { seed: 3 }));
    expect(bootstrapCi(sample, { seed: 3 })).not.toEqual(bootstrapCi(sample, { seed: 4 }));
  });
  it('gives about mean ± 1.96·s/√n for the mean of a large sample', () => {
    const ci = bootstrapCi(sample, { seed: 1 });
    const halfWidth = (1.96 * 2) / Math.sqrt(400);
    expect(ci.estimate).toBeCloseTo(mean(sample), 12);
    expect((ci.upper - ci.lower) / 2).toBeGreaterThan(halfWidth * 0.85);
    expect((ci.upper - ci.lower) / 2).toBeLessThan(halfWidth * 1.15);
    expect(ci.lower).toBeLessThan(10);
    expect(ci.upper).toBeGreaterThan(10);
  });
  it('works for any statistic, and for differences of two samples', () => {
    const p90 = bootstrapCi(sample, { statistic: (xs) => quantile(xs, 0.9), resamples: 500 });
    expect(p90.estimate).toBeCloseTo(quantile(sample, 0.9), 12);
    expect(p90.lower).toBeLessThan(p90.estimate);
    const shifted = sample.map((x) => x + 1);
    const diff = bootstrapDifferenceCi(sample, shifted, { resamples: 500 });
    expect(diff.estimate).toBeCloseTo(1, 10);
    expect(diff.lower).toBeGreaterThan(0.5);
    expect(diff.upper).toBeLessThan(1.5);
  });
});

describe('t-tests', () => {
  it("computes Welch's t and Welch–Satterthwaite df by hand-checkable formulas", () => {
    // mean 3, var 2.5 vs mean 6, var 10: se² = 0.5 + 2 = 2.5; df = 6.25 / (0.0625 + 1).
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.meanDifference).toBe(3);
    expect(r.t).toBeCloseTo(3 / Math.sqrt(2.5), 12);
    expect(r.df).toBeCloseTo(6.25 / 1.0625, 12);
    expect(r.pValue).toBeCloseTo(studentTTwoSidedP(r.t, r.df), 14);
    expect(r.pValue).toBeGreaterThan(0.1);
    expect(r.pValue).toBeLessThan(0.12);
    expect(r.lower).toBeLessThan(0);
    expect(r.upper).toBeGreaterThan(6);
  });
  it('runs the paired t-test on differences', () => {
    // d = [1, 2, 2, 4]: mean 2.25, variance 4.75 / 3.
    const r = pairedTTest([1, 2, 3, 4], [2, 4, 5, 8]);
    expect(r.meanDifference).toBe(2.25);
    expect(r.t).toBeCloseTo(2.25 / Math.sqrt(4.75 / 3 / 4), 12);
    expect(r.df).toBe(3);
    expect(r.pValue).toBeLessThan(0.05);
    // The 95 % CI excludes zero exactly when p < 0.05.
    expect(r.lower).toBeGreaterThan(0);
  });
});

describe('sign-flip permutation test', () => {
  it('enumerates exactly for small n', () => {
    // All four differences positive: only all-plus and all-minus reach |Σ| = 9 → 2/16.
    expect(signFlipTest([1, 2, 2, 4])).toBe(0.125);
    expect(signFlipTest([1, -1])).toBe(1);
  });
  it('samples for large n, reproducibly', () => {
    const rng = createSeededRandom(8);
    const d = Array.from({ length: 60 }, () => 0.3 + rng.normal());
    const p = signFlipTest(d, { seed: 1, permutations: 4000 });
    expect(p).toBe(signFlipTest(d, { seed: 1, permutations: 4000 }));
    expect(p).toBeLessThan(0.05);
    const t = pairedTTest(new Array(60).fill(0), d);
    expect(Math.abs(p - t.pValue)).toBeLessThan(0.02);
  });
});

describe('paired comparison', () => {
  it('reports difference, interval, p-values and regressed items', () => {
    const baseline = [0.9, 0.8, 1, 0.6, 0.7, 0.9, 0.85, 0.95];
    const candidate = [0.95, 0.6, 1, 0.7, 0.75, 0.7, 0.9, 0.96];
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const r = comparePaired({ baseline, candidate, itemIds: ids, regressionThreshold: 0.1, seed: 1 });
    expect(r.n).toBe(8);
    expect(r.meanDifference).toBeCloseTo(mean(candidate) - mean(baseline), 12);
    expect(r.ci.lower).toBeLessThanOrEqual(r.meanDifference);
    expect(r.ci.upper).toBeGreaterThanOrEqual(r.meanDifference);
    expect(r.regressions.map((x) => x.itemId)).toEqual(['b', 'f']);
    expect(r.permutationPValue).toBeGreaterThan(0.05);
    expect(r.tTest?.df).toBe(7);
  });
  it('treats lower-is-better metrics and rejects misaligned runs', () => {
    const r = comparePaired({ baseline: [100, 200], candidate: [150, 190], higherIsBetter: false, regressionThreshold: 20 });
    expect(r.regressions).toEqual([{ itemId: '0', baseline: 100, candidate: 150, difference: 50 }]);
    expect(() => comparePaired({ baseline: [1, 2], candidate: [1] })).toThrow(/same items/);
    expect(() => comparePaired({ baseline: [1, Number.NaN], candidate: [1, 2] })).toThrow(/finite/);
  });
});

describe('two-proportion z-test', () => {
  it('matches the pooled-variance formula', () => {
    // pooled p = 0.25, se = √(0.25·0.75·0.02) = 0.0612372.
    const r = twoProportionZTest(30, 100, 20, 100);
    expect(r.difference).toBeCloseTo(-0.1, 14);
    expect(r.z).toBeCloseTo(-0.1 / Math.sqrt(0.00375), 12);
    expect(r.pValue).toBeCloseTo(2 * normalSurvival(1.632993161855452), 10);
    expect(r.pValue).toBeCloseTo(0.1025, 3);
  });
  it('rejects impossible counts', () => {
    expect(() => twoProportionZTest(5, 4, 1, 2)).toThrow();
  });
});

describe('Mann-Whitney U', () => {
  it('computes U and the tie- and continuity-corrected normal approximation', () => {
    const r = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(r.u).toBe(0);
    expect(r.z).toBeCloseTo(4 / Math.sqrt(5.25), 12);
    expect(r.pValue).toBeCloseTo(2 * normalSurvival(4 / Math.sqrt(5.25)), 12);
    // Pairs a > b count 1, ties ½: 1 → 0, each 2 → ½, 3 → 1 + ½ + ½.
    expect(mannWhitneyU([1, 2, 2, 3], [2, 3, 3, 4]).u).toBe(3);
  });
});
