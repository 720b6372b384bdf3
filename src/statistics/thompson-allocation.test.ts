import { describe, expect, it } from 'vitest';
import { thompsonAllocation } from './thompson-allocation.js';

const bern = (arm: string, n: number, successes: number) => ({ arm, n, sum: successes, sumSquares: successes });

describe('Thompson allocation', () => {
  it('shares traffic equally until every arm has its minimum rewards', () => {
    const d = thompsonAllocation([bern('a', 100, 90), bern('b', 3, 0)], { model: 'bernoulli', seed: 1, minSamples: 20 });
    expect(d.shares).toEqual([0.5, 0.5]);
    expect(d.winner).toBeNull();
  });

  it('moves traffic to the better arm, keeps the floor, and stops on a clear winner', () => {
    const d = thompsonAllocation([bern('a', 400, 200), bern('b', 400, 280), bern('c', 400, 196)], { model: 'bernoulli', seed: 2, floor: 0.1 });
    expect(d.shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    expect(Math.min(...d.shares)).toBeGreaterThanOrEqual(0.1);
    expect(d.shares[1]).toBeGreaterThan(0.75);
    expect(d.probabilityBest[1]).toBeGreaterThan(0.99);
    expect(d.winner).toBe('b');
  });

  it('keeps going when the arms are close, and repeats itself for a seed', () => {
    const arms = [bern('a', 100, 50), bern('b', 100, 52)];
    const d = thompsonAllocation(arms, { model: 'bernoulli', seed: 9 });
    expect(d.winner).toBeNull();
    expect(thompsonAllocation(arms, { model: 'bernoulli', seed: 9 })).toEqual(d);
  });

  it('handles continuous rewards with a normal posterior', () => {
    const arm = (name: string, values: number[]) => ({ arm: name, n: values.length, sum: values.reduce((x, y) => x + y, 0), sumSquares: values.reduce((x, y) => x + y * y, 0) });
    const low = Array.from({ length: 50 }, (_, i) => 3 + (i % 3) * 0.5);
    const high = Array.from({ length: 50 }, (_, i) => 4 + (i % 3) * 0.5);
    const d = thompsonAllocation([arm('a', low), arm('b', high)], { model: 'normal', seed: 4 });
    expect(d.winner).toBe('b');
    expect(d.posteriorMeans[1]).toBeCloseTo(4.49, 6);
  });

  it('refuses a floor the arms cannot all keep', () => {
    expect(() => thompsonAllocation([bern('a', 1, 1), bern('b', 1, 1), bern('c', 1, 1)], { model: 'bernoulli', seed: 1, floor: 0.4 })).toThrow(/floor/);
  });
});
