import { describe, expect, it } from 'vitest';
import { sampleBeta, sampleGamma } from './random-variates.js';
import { createSeededRandom } from './seeded-random.js';

const meanOf = (n: number, draw: () => number) => {
  let total = 0;
  for (let i = 0; i < n; i++) total += draw();
  return total / n;
};

describe('random variates', () => {
  it('draws gamma variates with mean equal to the shape, below and above 1', () => {
    const rng = createSeededRandom(11);
    expect(meanOf(20_000, () => sampleGamma(rng, 0.4))).toBeCloseTo(0.4, 1);
    expect(meanOf(20_000, () => sampleGamma(rng, 5))).toBeCloseTo(5, 1);
  });

  it('draws beta variates in (0, 1) with mean a / (a + b), the same for the same seed', () => {
    const rng = createSeededRandom(5);
    const draws = Array.from({ length: 20_000 }, () => sampleBeta(rng, 3, 7));
    expect(draws.every((x) => x > 0 && x < 1)).toBe(true);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.3, 2);
    const again = createSeededRandom(5);
    expect(sampleBeta(again, 3, 7)).toBe(draws[0]);
  });

  it('refuses a shape that is not positive', () => {
    expect(() => sampleGamma(createSeededRandom(1), 0)).toThrow(/positive/);
  });
});
