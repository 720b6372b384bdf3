// Keyboard slips: swap two adjacent letters, drop one, or type one twice, inside words of 3+ letters.
import { type TextPerturbation, rewriteSomeWords } from './text-perturbation.js';

const WORD = /\p{L}{3,}/gu;

export const typoPerturbation: TextPerturbation = {
  kind: 'typos',
  description: 'swaps, drops or duplicates a letter in some words',
  apply(text, random, rate) {
    return rewriteSomeWords(text, WORD, random, rate, (word) => {
      const at = 1 + random.int(word.length - 2);
      switch (random.int(3)) {
        case 0:
          return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
        case 1:
          return word.slice(0, at) + word.slice(at + 1);
        default:
          return word.slice(0, at) + word[at] + word.slice(at);
      }
    });
  },
};
