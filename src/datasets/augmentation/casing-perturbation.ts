// Casing changes: some words lower-cased, upper-cased or with their first letter flipped.
import { type TextPerturbation, rewriteSomeWords } from './text-perturbation.js';

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
    return rewriteSomeWords(text, WORD, random, rate, (word) => {
      const variants = [word.toLowerCase(), word.toUpperCase(), flipFirst(word)].filter((v) => v !== word);
      return variants.length === 0 ? word : random.pick(variants);
    });
  },
};
