// Synonym swaps from a curated table, keeping the case of the original word.
import { SYNONYMS } from './synonym-table.js';
import { type TextPerturbation, chooseIndices } from './text-perturbation.js';

const WORD = /\p{L}+/gu;

/** Writes `replacement` with the case pattern of `original` (lower, Capitalised or UPPER). */
export function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] === original[0].toUpperCase()) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

export const synonymPerturbation: TextPerturbation = {
  kind: 'synonyms',
  description: 'replaces some common words with a near-synonym',
  apply(text, random, rate) {
    const candidates = [...text.matchAll(WORD)].filter((match) => SYNONYMS[match[0].toLowerCase()] !== undefined);
    const chosen = new Set(chooseIndices(candidates.length, random, rate).map((i) => candidates[i].index));
    return text.replace(WORD, (word, offset: number) => {
      if (!chosen.has(offset)) return word;
      const options = SYNONYMS[word.toLowerCase()];
      return options === undefined || options.length === 0 ? word : matchCase(word, random.pick(options));
    });
  },
};
