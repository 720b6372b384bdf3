// Gamma and beta variates from a seeded uniform source, for Thompson sampling: Marsaglia and
// Tsang's squeeze method ("A simple method for generating gamma variables", 2000).
import { invalid } from '../errors/index.js';
import type { SeededRandom } from './seeded-random.js';

/** A Gamma(shape, 1) draw; shape < 1 uses the boost Gamma(shape+1)·U^(1/shape). */
export function sampleGamma(rng: SeededRandom, shape: number): number {
  if (!(shape > 0)) throw invalid(`gamma shape ${shape} must be positive`);
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return sampleGamma(rng, shape + 1) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) draw as X/(X+Y) of two gamma draws. */
export function sampleBeta(rng: SeededRandom, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}
