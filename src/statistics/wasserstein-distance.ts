// The first Wasserstein (earth mover's) distance between two one-dimensional samples: the area
// between their CDFs, in the units of the data (scipy `wasserstein_distance`).
import { invalid } from '../errors/index.js';

/**
 * W₁ between samples `u` and `v`, optionally weighted.
 *
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // 5
 */
export function wassersteinDistance(
  u: readonly number[],
  v: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  if (u.length === 0 || v.length === 0) throw invalid('the Wasserstein distance needs two non-empty samples');
  const cdfU = weightedPoints(u, uWeights);
  const cdfV = weightedPoints(v, vWeights);
  const all = [...u, ...v].sort((a, b) => a - b);
  let distance = 0;
  let iu = 0;
  let iv = 0;
  let massU = 0;
  let massV = 0;
  for (let k = 0; k < all.length - 1; k++) {
    const x = all[k];
    while (iu < cdfU.length && cdfU[iu].value <= x) massU += cdfU[iu++].weight;
    while (iv < cdfV.length && cdfV[iv].value <= x) massV += cdfV[iv++].weight;
    distance += Math.abs(massU - massV) * (all[k + 1] - x);
  }
  return distance;
}

function weightedPoints(values: readonly number[], weights?: readonly number[]): { value: number; weight: number }[] {
  if (weights && weights.length !== values.length) throw invalid('weights must align with values');
  const total = weights ? weights.reduce((s, w) => s + w, 0) : values.length;
  if (!(total > 0)) throw invalid('weights must sum to a positive number');
  return values
    .map((value, i) => ({ value, weight: (weights ? weights[i] : 1) / total }))
    .sort((a, b) => a.value - b.value);
}
