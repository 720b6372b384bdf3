// Simulations of the experiment statistics with a seeded generator: peeking after every batch, the
// sequential test keeps its false-positive rate within alpha where the fixed-horizon test does not;
// with a real difference it stops and picks the better arm; Thompson sampling moves traffic to the
// better arm and never below the floor.
import { describe, expect, it } from 'vitest';
import { createSeededRandom, createSequentialDifference, thompsonAllocation, twoProportionZTest, welchTTest } from '../../src/statistics/index.js';

const ALPHA = 0.05;
const EXPERIMENTS = 1000;
const BATCHES = 20;
const BATCH = 50;

interface Peeked {
  /** Experiments the sequential test ever called significant. */
  sequential: number;
  /** Experiments the fixed-horizon test called significant at some peek. */
  fixed: number;
  /** Experiments the sequential test stopped with the treatment ahead. */
  treatmentPicked: number;
}

function simulate(seed: number, draw: (rng: ReturnType<typeof createSeededRandom>, arm: 'control' | 'treatment') => number, kind: 'mean' | 'proportion'): Peeked {
  const rng = createSeededRandom(seed);
  const out: Peeked = { sequential: 0, fixed: 0, treatmentPicked: 0 };
  for (let e = 0; e < EXPERIMENTS; e++) {
    const test = createSequentialDifference({ alpha: ALPHA, kind, tuningSamples: 500 });
    const a: number[] = [];
    const b: number[] = [];
    let fixedFired = false;
    let stopped = false;
    for (let batch = 0; batch < BATCHES && !stopped; batch++) {
      for (let i = 0; i < BATCH; i++) {
        const x = draw(rng, 'control');
        const y = draw(rng, 'treatment');
        a.push(x);
        b.push(y);
        test.add('control', x);
        test.add('treatment', y);
      }
      // The dashboard reads both verdicts after every batch.
      const s = test.state();
      if (s.significant) {
        stopped = true;
        out.sequential++;
        if (s.difference > 0) out.treatmentPicked++;
      }
      if (!fixedFired) {
        const p = kind === 'proportion' ? twoProportionZTest(a.filter((v) => v === 1).length, a.length, b.filter((v) => v === 1).length, b.length).pValue : welchTTest(a, b).pValue;
        if (p < ALPHA) fixedFired = true;
      }
    }
    if (fixedFired) out.fixed++;
  }
  return out;
}

const bernoulli = (rates: { control: number; treatment: number }) => (rng: ReturnType<typeof createSeededRandom>, arm: 'control' | 'treatment') => (rng.next() < rates[arm] ? 1 : 0);
const normal = (means: { control: number; treatment: number }) => (rng: ReturnType<typeof createSeededRandom>, arm: 'control' | 'treatment') => means[arm] + 2 * rng.normal();

describe('sequential test under repeated peeks', () => {
  it('keeps the false-positive rate of proportions within alpha; the fixed-horizon test peeked the same way exceeds it', () => {
    const r = simulate(101, bernoulli({ control: 0.2, treatment: 0.2 }), 'proportion');
    expect(r.sequential / EXPERIMENTS).toBeLessThanOrEqual(ALPHA);
    expect(r.fixed / EXPERIMENTS).toBeGreaterThan(2 * ALPHA);
  });

  it('keeps the false-positive rate of means within alpha; the fixed-horizon test peeked the same way exceeds it', () => {
    const r = simulate(202, normal({ control: 3, treatment: 3 }), 'mean');
    expect(r.sequential / EXPERIMENTS).toBeLessThanOrEqual(ALPHA);
    expect(r.fixed / EXPERIMENTS).toBeGreaterThan(2 * ALPHA);
  });

  it('stops on a real difference and picks the better arm', () => {
    const p = simulate(303, bernoulli({ control: 0.2, treatment: 0.28 }), 'proportion');
    expect(p.sequential / EXPERIMENTS).toBeGreaterThan(0.9);
    expect(p.treatmentPicked).toBe(p.sequential);
    const m = simulate(404, normal({ control: 3, treatment: 3.4 }), 'mean');
    expect(m.sequential / EXPERIMENTS).toBeGreaterThan(0.9);
    expect(m.treatmentPicked).toBe(m.sequential);
  });
});

describe('Thompson sampling in simulation', () => {
  it('shifts traffic to the better arm and never below the floor', () => {
    const rng = createSeededRandom(7);
    const truth = [0.5, 0.65, 0.45];
    const stats = truth.map((_, i) => ({ arm: `arm-${i}`, n: 0, sum: 0, sumSquares: 0 }));
    const floor = 0.1;
    let shares = [1 / 3, 1 / 3, 1 / 3];
    const history: number[][] = [];
    let winner: string | null = null;
    for (let round = 0; round < 30 && winner === null; round++) {
      for (let r = 0; r < 200; r++) {
        const u = rng.next();
        const i = u < shares[0] ? 0 : u < shares[0] + shares[1] ? 1 : 2;
        const reward = rng.next() < truth[i] ? 1 : 0;
        stats[i].n++;
        stats[i].sum += reward;
        stats[i].sumSquares += reward;
      }
      const d = thompsonAllocation(stats, { model: 'bernoulli', floor, seed: 1000 + round });
      shares = d.shares;
      winner = d.winner;
      history.push(shares);
    }
    expect(history.every((s) => s.every((x) => x >= floor - 1e-12))).toBe(true);
    expect(history.at(-1)?.[1]).toBeGreaterThan(0.7);
    expect(winner).toBe('arm-1');
    // The better arm got most of the traffic overall, the worse ones at least their floor's worth.
    const total = stats.reduce((a, s) => a + s.n, 0);
    expect(stats[1].n / total).toBeGreaterThan(0.5);
    expect(Math.min(stats[0].n, stats[2].n) / total).toBeGreaterThan(floor * 0.8);
  });
});
