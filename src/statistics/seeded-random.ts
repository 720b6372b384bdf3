// A small seeded pseudo-random generator (mulberry32) so every resampling in Steward is
// reproducible: the same seed gives the same bootstrap interval and the same p-value.

/** A deterministic source of uniform numbers in [0, 1). */
export interface SeededRandom {
  /** Next uniform number in [0, 1). */
  next(): number;
  /** Next integer uniform in [0, n). */
  int(n: number): number;
  /** Next standard normal number (Box–Muller). */
  normal(): number;
}

/**
 * Creates a mulberry32 generator (32-bit state, period 2³²): fast, good enough for resampling,
 * not for cryptography.
 *
 * @example
 * const rng = createSeededRandom(42);
 * const i = rng.int(10);
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** The seed used when a caller gives none, so results stay reproducible by default. */
export const DEFAULT_SEED = 20240601;
