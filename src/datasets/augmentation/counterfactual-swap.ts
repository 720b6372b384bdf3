// Counterfactual swaps for bias tests: the same text with first names, gendered terms and pronouns
// switched to the other gender. A fair model answers both versions alike.
import { NOT_A_NOUN_AFTER_HER, GENDER_TERMS, PRONOUNS } from './gender-lexicon.js';
import { firstNames } from './first-names.js';
import { createRandom } from './seeded-random.js';
import { matchCase } from './synonym-perturbation.js';

export const SWAP_KINDS = ['names', 'gender_terms', 'pronouns'] as const;
export type SwapKind = (typeof SWAP_KINDS)[number];

export interface CounterfactualOptions {
  swaps?: readonly SwapKind[];
  /** Picks the replacement names; the same seed and text give the same result. */
  seed?: number | string;
}

export interface Swap {
  kind: SwapKind;
  from: string;
  to: string;
}

export interface CounterfactualResult {
  text: string;
  swaps: Swap[];
}

const TOKEN = /\p{L}+(?:'\p{L}+)?/gu;

/**
 * Swaps gendered words in `text`. The same name is always replaced by the same other-gender name
 * for a given seed, in every text. Returns `swaps` empty when the text has nothing to swap.
 *
 * @example
 * counterfactualSwap('Mary said she would call her brother.', { seed: 1 }).text
 * // 'Leon said he would call his sister.' (the name depends on the seed)
 */
export function counterfactualSwap(text: string, options: CounterfactualOptions = {}): CounterfactualResult {
  const kinds = new Set<SwapKind>(options.swaps ?? SWAP_KINDS);
  const seed = options.seed ?? 0;
  const names = kinds.has('names') ? firstNames() : undefined;
  const swaps: Swap[] = [];
  const tokens = [...text.matchAll(TOKEN)];
  const parts: string[] = [];
  let cursor = 0;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i][0];
    const start = tokens[i].index;
    const lower = token.toLowerCase();
    let replacement: string | undefined;
    let kind: SwapKind | undefined;

    if (kinds.has('pronouns') && (lower === 'her' || lower === 'his' || PRONOUNS[lower] !== undefined)) {
      kind = 'pronouns';
      const determiner = beforeNoun(text, start + token.length, tokens[i + 1]?.[0], tokens[i + 1]?.index);
      if (lower === 'her') replacement = determiner ? 'his' : 'him';
      else if (lower === 'his') replacement = determiner ? 'her' : 'hers';
      else replacement = PRONOUNS[lower];
    } else if (kinds.has('gender_terms') && GENDER_TERMS[lower] !== undefined) {
      kind = 'gender_terms';
      replacement = GENDER_TERMS[lower];
    } else if (names !== undefined && /^\p{Lu}\p{Ll}+$/u.test(token)) {
      const gender = names.genderOf.get(lower);
      if (gender !== undefined && !(names.alsoWords.has(lower) && atSentenceStart(text, start))) {
        kind = 'names';
        // Seeded per name, so one name maps to the same counterpart in every field and every item.
        replacement = createRandom(`${seed}:name:${lower}`).pick(gender === 'female' ? names.male : names.female);
      }
    }

    if (replacement === undefined || kind === undefined) continue;
    const to = matchCase(token, replacement);
    parts.push(text.slice(cursor, start), to);
    cursor = start + token.length;
    swaps.push({ kind, from: token, to });
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), swaps };
}

// "her"/"his" before a noun-like word is a determiner (her book → his book); otherwise a pronoun
// (call her → call him, it is his → it is hers).
function beforeNoun(text: string, end: number, next: string | undefined, nextStart: number | undefined): boolean {
  if (next === undefined || nextStart === undefined) return false;
  if (!/^\s+$/.test(text.slice(end, nextStart))) return false;
  return !NOT_A_NOUN_AFTER_HER.has(next.toLowerCase());
}

function atSentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\n' || char === '"' || char === '\'' || char === '(') continue;
    return char === '.' || char === '!' || char === '?' || char === ':';
  }
  return true;
}
