// A small seeded PRNG (mulberry32) so that every augmentation and perturbation is reproducible.
import { createSeededRandom } from '../../statistics/seeded-random.js';

/** A deterministic source of randomness. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(values: readonly T[]): T;
}

/** FNV-1a hash of a string to a 32-bit unsigned seed. */
export function hashSeed(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A mulberry32 generator (the statistics module's). The same seed always gives the same sequence;
 * string seeds are hashed, so `createRandom(`${seed}:${itemId}`)` gives each item its own stable stream.
 */
export function createRandom(seed: number | string): Random {
  const { next, int } = createSeededRandom(typeof seed === 'string' ? hashSeed(seed) : seed);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (values) => {
      if (values.length === 0) throw new RangeError('pick from an empty list');
      return values[int(values.length)];
    },
  };
}
