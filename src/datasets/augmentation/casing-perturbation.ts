// Casing changes: some words lower-cased, upper-cased or with their first letter flipped.
import { type TextPerturbation, chooseIndices } from './text-perturbation.js';

const WORD = /\p{L}+/gu;

function flipFirst(word: string): string {
  const first = word[0];
  const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  return flipped + word.slice(1);
}

export const casingPerturbation: TextPerturbation = {
  kind: 'casing',
  description: 'changes the case of some words (lower, upper or first letter flipped)',
  apply(text, random, rate) {
    const words = [...text.matchAll(WORD)];
    const chosen = new Set(chooseIndices(words.length, random, rate));
    let index = -1;
    return text.replace(WORD, (word) => {
      index++;
      if (!chosen.has(index)) return word;
      const variants = [word.toLowerCase(), word.toUpperCase(), flipFirst(word)].filter((v) => v !== word);
      return variants.length === 0 ? word : random.pick(variants);
    });
  },
};
