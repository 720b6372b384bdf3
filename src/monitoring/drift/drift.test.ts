import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../statistics/index.js';
import { counterfactualGap, counterfactualGapOverTime } from './bias-over-time.js';
import { detectCategoricalDrift } from './categorical-drift.js';
import { cosineDistance, detectEmbeddingDrift } from './embedding-drift.js';
import { detectFeedbackDrift } from './feedback-drift.js';
import { binOnReferenceQuantiles, detectNumericDrift } from './numeric-drift.js';

const rng = createSeededRandom(77);
const normals = (n: number, mu = 0, sd = 1) => Array.from({ length: n }, () => mu + sd * rng.normal());

describe('numeric drift', () => {
  it('uses KS on small samples: flags a shift, not noise', () => {
    const ref = normals(300, 500, 100);
    const shifted = detectNumericDrift('input_length', ref, normals(300, 560, 100));
    expect(shifted).toMatchObject({ feature: 'input_length', test: 'ks', threshold: 0.05, drifted: true, nReference: 300, nCurrent: 300 });
    expect(shifted.pValue).toBeLessThan(0.001);
    expect(detectNumericDrift('input_length', ref, normals(300, 500, 100)).drifted).toBe(false);
  });

  it('uses normalised Wasserstein on large samples: a 0.05σ shift is not drift, a 0.3σ shift is', () => {
    const ref = normals(3000, 200, 50);
    const small = detectNumericDrift('output_length', ref, normals(3000, 202.5, 50));
    expect(small.test).toBe('wasserstein');
    expect(small.drifted).toBe(false);
    const big = detectNumericDrift('output_length', ref, normals(3000, 215, 50));
    expect(big.drifted).toBe(true);
    expect(big.statistic).toBeGreaterThan(0.2);
    expect(big.statistic).toBeLessThan(0.4);
  });

  it('supports PSI and JS over reference-quantile bins', () => {
    const ref = normals(2000);
    const psi = detectNumericDrift('x', ref, normals(2000, 1), { prefer: 'psi' });
    expect(psi).toMatchObject({ test: 'psi', threshold: 0.2, drifted: true });
    expect(detectNumericDrift('x', ref, normals(2000), { test: 'psi' }).drifted).toBe(false);
    expect(detectNumericDrift('x', ref, normals(2000, 1), { test: 'jensen_shannon' }).drifted).toBe(true);
    const bins = binOnReferenceQuantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 100], 5);
    expect(bins.reference).toEqual([2, 2, 2, 2, 2]);
    expect(bins.current).toEqual([1, 0, 0, 0, 1]);
  });
});

describe('categorical (token) drift', () => {
  it('uses chi-squared for small counts and JS distance for large', () => {
    const small = detectCategoricalDrift('finish_reason', { stop: 90, length: 10 }, { stop: 60, length: 40 });
    expect(small).toMatchObject({ test: 'chi_squared', drifted: true });
    const tokensRef = new Map([['the', 5000], ['cat', 1200], ['sat', 800]]);
    const same = detectCategoricalDrift('tokens', tokensRef, new Map([['the', 5100], ['cat', 1150], ['sat', 790]]));
    expect(same).toMatchObject({ test: 'jensen_shannon', drifted: false });
    const moved = detectCategoricalDrift('tokens', tokensRef, new Map([['the', 2000], ['dog', 3000], ['sat', 800]]));
    expect(moved.drifted).toBe(true);
    expect(moved.statistic).toBeGreaterThan(0.3);
  });
});

describe('embedding drift', () => {
  const d = 16;
  // Reference embeddings vary mostly along two directions.
  const embed = (shift: number) => Array.from({ length: 400 }, () => Array.from({ length: d }, (_, j) => (j < 2 ? 3 : 0.3) * rng.normal() + (j === 0 ? shift : 0)));
  const ref = embed(0);

  it('detects a move along a principal direction and not a fresh sample', () => {
    const moved = detectEmbeddingDrift('prompt_embedding', ref, embed(2));
    expect(moved).toMatchObject({ test: 'pca_ks_bonferroni', drifted: true, nCurrent: 400 });
    expect(moved.pValue).toBeLessThan(0.001);
    const same = detectEmbeddingDrift('prompt_embedding', ref, embed(0));
    expect(same.drifted).toBe(false);
    expect(same.details?.components).toBe(5);
  });

  it('reports the mean-embedding cosine distance and validates shapes', () => {
    expect(cosineDistance([1, 0], [0, 1])).toBeCloseTo(1, 14);
    expect(cosineDistance([1, 1], [2, 2])).toBeCloseTo(0, 14);
    const shifted = ref.map((row) => row.map((v) => v + 5));
    expect(Number(detectEmbeddingDrift('e', shifted, ref.map((r) => r.map((v, j) => v + (j % 2 === 0 ? 5 : -5)))).details?.meanCosineDistance)).toBeGreaterThan(0.5);
    expect(() => detectEmbeddingDrift('e', ref, [[1, 2]])).toThrow(/dimensions/);
  });
});

describe('feedback drift', () => {
  it('compares thumbs and ratings as categories', () => {
    const ref = Array.from({ length: 400 }, (_, i) => (i % 10 < 8 ? 1 : 0));
    const worse = Array.from({ length: 400 }, (_, i) => (i % 10 < 6 ? 1 : 0));
    expect(detectFeedbackDrift('thumbs', ref, worse)).toMatchObject({ test: 'chi_squared', drifted: true });
    expect(detectFeedbackDrift('thumbs', ref, [...ref].reverse())).toMatchObject({ drifted: false, statistic: 0 });
    expect(detectFeedbackDrift('judge_score', normals(200, 0.7, 0.1), normals(200, 0.7, 0.1)).test).toBe('ks');
  });
});

describe('counterfactual bias gap', () => {
  it('measures the gap with a CI, and a trend over buckets', () => {
    const pairs = Array.from({ length: 200 }, (_, i) => {
      const base = 0.5 + 0.1 * rng.normal();
      // The first 100 probes (day 0) show a 0.1 gap; the next 100 (day 1) none.
      return { original: base + (i < 100 ? 0.1 : 0) + 0.02 * rng.normal(), counterfactual: base, t: (i < 100 ? 0 : 86_400_000) + i };
    });
    const all = counterfactualGap(pairs, { seed: 1 });
    expect(all.gap).toBeCloseTo(0.05, 1);
    expect(all.significant).toBe(true);
    const days = counterfactualGapOverTime(pairs, 86_400_000, { seed: 1 });
    expect(days.map((d) => d.bucketStart)).toEqual([0, 86_400_000]);
    expect(days[0].gap).toBeCloseTo(0.1, 2);
    expect(days[0].significant).toBe(true);
    expect(days[1].lower).toBeLessThan(0);
    expect(days[1].upper).toBeGreaterThan(0);
    expect(days[1].significant).toBe(false);
    expect(() => counterfactualGap([])).toThrow();
  });
});
