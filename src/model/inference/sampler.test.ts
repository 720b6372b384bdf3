import { describe, expect, it } from 'vitest';
import { Prng } from '../nn/prng.js';
import { sampleToken } from './sampler.js';

const logits = Float32Array.from([0.1, 2.5, 1.9, -1, 2.4, 0]);
const none = new Set<number>();
const draw = (o: Parameters<typeof sampleToken>[1], seed: number, n = 400, counts = new Map<number, number>(), banned = none) => {
  const rng = new Prng(seed);
  const scratch = new Float32Array(logits.length);
  return Array.from({ length: n }, () => sampleToken(logits, o, rng, counts, banned, scratch));
};

describe('sampleToken', () => {
  it('is greedy at temperature 0, with top_k 1 and with a tiny top_p', () => {
    expect(new Set(draw({ temperature: 0 }, 1))).toEqual(new Set([1]));
    expect(new Set(draw({ temperature: 1, topK: 1 }, 2))).toEqual(new Set([1]));
    expect(new Set(draw({ temperature: 1, topP: 0.01 }, 3))).toEqual(new Set([1]));
  });

  it('keeps only the top-k tokens and follows the softmax otherwise', () => {
    expect(new Set(draw({ temperature: 1, topK: 3 }, 4))).toEqual(new Set([1, 2, 4]));
    const all = draw({ temperature: 1 }, 5, 4000);
    const share = all.filter((t) => t === 1).length / all.length;
    const p1 = Math.exp(2.5) / logits.reduce((a, x) => a + Math.exp(x), 0);
    expect(Math.abs(share - p1)).toBeLessThan(0.03);
    expect(draw({ temperature: 1 }, 6, 50)).toEqual(draw({ temperature: 1 }, 6, 50));
  });

  it('applies penalties and never picks banned tokens', () => {
    expect(draw({ temperature: 0, frequencyPenalty: 1 }, 7, 1, new Map([[1, 1]]))).toEqual([4]);
    expect(new Set(draw({ temperature: 1 }, 8, 300, new Map(), new Set([1, 4])))).not.toContain(1);
  });

  it('picks among the allowed tokens even when a banned one holds almost all the mass', () => {
    // An end token far ahead of the rest, as after "What is 2 + 3?" at some seeds: banned, it must never come out.
    const peaked = Float32Array.from([-8, -9, 30, -7, -10, -12]);
    const scratch = new Float32Array(peaked.length);
    for (const o of [{ temperature: 0 }, { temperature: 0.3, topP: 0.9 }, { temperature: 0.9 }, { temperature: 1.5, topK: 3 }, { temperature: 2, topP: 0.5 }]) {
      for (let seed = 1; seed <= 50; seed++) {
        const token = sampleToken(peaked, o, new Prng(seed), new Map(), new Set([2]), scratch);
        expect(token).not.toBe(2);
        expect(token).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
