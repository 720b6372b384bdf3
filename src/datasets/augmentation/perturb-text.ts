// The registry of text perturbations and the one function callers use to apply one.
import { casingPerturbation } from './casing-perturbation.js';
import { type Random, createRandom } from './seeded-random.js';
import { synonymPerturbation } from './synonym-perturbation.js';
import type { PerturbationKind, TextPerturbation } from './text-perturbation.js';
import { typoPerturbation } from './typo-perturbation.js';
import { whitespacePerturbation } from './whitespace-perturbation.js';

export const PERTURBATIONS: Readonly<Record<PerturbationKind, TextPerturbation>> = {
  typos: typoPerturbation,
  casing: casingPerturbation,
  whitespace: whitespacePerturbation,
  synonyms: synonymPerturbation,
};

export interface PerturbOptions {
  /** A number or string; the same seed and text always give the same result. */
  seed: number | string;
  /** Share of eligible words touched, 0..1 (default 0.15). */
  rate?: number;
}

/**
 * Applies one perturbation to `text`, deterministically for a given seed.
 *
 * @example
 * perturbText('Please explain the problem', 'typos', { seed: 7 }) // 'Please explian the problem'
 */
export function perturbText(text: string, kind: PerturbationKind, options: PerturbOptions): string {
  return perturbWith(text, kind, createRandom(`${options.seed}:${kind}`), options.rate ?? 0.15);
}

/** Applies a perturbation with an existing random source (to share one stream across items). */
export function perturbWith(text: string, kind: PerturbationKind, random: Random, rate: number): string {
  return PERTURBATIONS[kind].apply(text, random, Math.min(1, Math.max(0, rate)));
}
