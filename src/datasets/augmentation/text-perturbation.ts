// The interface of a text perturbation: a small, meaning-preserving change a robust model should
// shrug off. Implementations are pure functions of the text, a seeded random source and a rate.
import type { Random } from './seeded-random.js';

export const PERTURBATION_KINDS = ['typos', 'casing', 'whitespace', 'synonyms'] as const;
export type PerturbationKind = (typeof PERTURBATION_KINDS)[number];

export interface TextPerturbation {
  readonly kind: PerturbationKind;
  readonly description: string;
  /**
   * Perturbs `text`. `rate` (0..1) is the share of eligible words touched; at least one is touched
   * when any is eligible, so a perturbed text differs from its source whenever it can.
   */
  apply(text: string, random: Random, rate: number): string;
}

/** Indices of the `rate` share of `count` candidates (at least one when count > 0), in order. */
export function chooseIndices(count: number, random: Random, rate: number): number[] {
  if (count === 0) return [];
  const chosen: number[] = [];
  for (let i = 0; i < count; i++) if (random.chance(rate)) chosen.push(i);
  if (chosen.length === 0) chosen.push(random.int(count));
  return chosen;
}

/**
 * Rewrites the chosen share of the words `pattern` (a global regex) matches; the others stay as
 * they are. Words are chosen first, then `rewrite` runs on each chosen word in order.
 */
export function rewriteSomeWords(text: string, pattern: RegExp, random: Random, rate: number, rewrite: (word: string) => string): string {
  const chosen = new Set(chooseIndices([...text.matchAll(pattern)].length, random, rate));
  let index = -1;
  return text.replace(pattern, (word) => {
    index++;
    return chosen.has(index) ? rewrite(word) : word;
  });
}
