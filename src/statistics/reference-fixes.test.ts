// Values from scipy 1.10.1 (see __fixtures__/scipy-ks-ndtri.json and the script that wrote it).
import { describe, expect, it } from 'vitest';
import large from './__fixtures__/scipy-ks-large.json' with { type: 'json' };
import scipy from './__fixtures__/scipy-ks-ndtri.json' with { type: 'json' };
import { populationStabilityIndex } from './distribution-divergence.js';
import { kolmogorovOneSampleSurvival } from './kolmogorov-one-sample.js';
import { kolmogorovSmirnovTest } from './kolmogorov-smirnov-test.js';
import { normalInverseCdf } from './normal-distribution.js';

describe('normalInverseCdf against scipy.special.ndtri', () => {
  it('keeps full relative precision in both tails, p ≥ 1 − 1e-6 included', () => {
    for (const [p, z] of scipy.ndtri) expect(Math.abs(normalInverseCdf(p) - z) / Math.abs(z)).toBeLessThan(1e-13);
  });
});

describe('kolmogorovSmirnovTest against scipy.stats.ks_2samp(method="auto")', () => {
  it('uses the exact distribution while max(n, m) ≤ 10 000, with the same p-value', () => {
    for (const c of scipy.ks_2samp) {
      const r = kolmogorovSmirnovTest(c.a, c.b);
      expect(r.method, c.name).toBe('exact');
      expect(r.statistic, c.name).toBeCloseTo(c.statistic, 14);
      // Relative agreement: tiny p-values (1e-103) must not cancel to 0.
      expect(Math.abs(r.pValue - c.pvalue) / c.pvalue, c.name).toBeLessThan(1e-9);
    }
  });

  it('switches to the asymptotic distribution above 10 000 observations in one sample', () => {
    const big = Array.from({ length: 10_001 }, (_, i) => i / 10_001);
    expect(kolmogorovSmirnovTest(big, [0.1, 0.5, 0.9]).method).toBe('asymptotic');
    expect(kolmogorovSmirnovTest(big.slice(0, 10_000), [0.1, 0.5, 0.9]).method).toBe('exact');
  });
});

describe('the one-sample KS distribution = scipy.stats.kstwo', () => {
  it('matches kstwo.sf over n = 1 … 150 000 in every regime of scipy\'s algorithm choice', () => {
    for (const [n, x, sf] of scipy.kstwo_sf) {
      const got = kolmogorovOneSampleSurvival(n, x);
      // Relative agreement for p-values that matter, absolute below 1e-300.
      expect(Math.abs(got - sf), `n=${n} x=${x}`).toBeLessThanOrEqual(Math.max(1e-9 * sf, 1e-300));
    }
  });

  it('gives ks_2samp\'s asymptotic p-values above 10 000 values per sample', () => {
    for (const c of large.cases) {
      const a = Array.from({ length: c.n1 }, (_, i) => ((i + 1) * 0.6180339887498949) % 1);
      const b = Array.from({ length: c.n2 }, (_, i) => (((i + 1) * 0.41421356237309503) % 1) * c.scale + c.shift);
      const r = kolmogorovSmirnovTest(a, b);
      expect(r.method).toBe('asymptotic');
      expect(r.statistic).toBeCloseTo(c.statistic, 12);
      expect(Math.abs(r.pValue - c.pvalue) / c.pvalue, JSON.stringify({ ...c })).toBeLessThan(1e-8);
    }
  });
});

describe('populationStabilityIndex', () => {
  it('clamps only empty bins to epsilon, as documented', () => {
    // A non-empty bin below epsilon (5e-5 of the mass) keeps its own share.
    const expected = [50_000, 49_995, 5];
    const actual = [49_000, 50_990, 10];
    const shares = (c: number[]) => c.map((x) => x / 100_000);
    const [e, a] = [shares(expected), shares(actual)];
    let psi = 0;
    for (let i = 0; i < 3; i++) psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
    expect(populationStabilityIndex(expected, actual)).toBeCloseTo(psi, 15);
    // An empty bin is clamped to epsilon (1e-4) so the index stays finite.
    const withEmpty = populationStabilityIndex([50, 50, 0], [50, 40, 10]);
    const ref = (0.5 - 0.5) * 0 + (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4);
    expect(withEmpty).toBeCloseTo(ref, 15);
  });
});
