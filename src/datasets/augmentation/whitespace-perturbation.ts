// Whitespace noise: doubled spaces, a tab or a line break between some words, and trailing space.
import { type TextPerturbation, chooseIndices } from './text-perturbation.js';

const GAP = / +/g;
const NOISE = ['  ', '   ', '\t', ' \n'] as const;

export const whitespacePerturbation: TextPerturbation = {
  kind: 'whitespace',
  description: 'widens some gaps between words and adds trailing whitespace',
  apply(text, random, rate) {
    const gaps = [...text.matchAll(GAP)];
    const chosen = new Set(chooseIndices(gaps.length, random, rate));
    let index = -1;
    const spaced = text.replace(GAP, (gap) => {
      index++;
      return chosen.has(index) ? random.pick(NOISE) : gap;
    });
    return gaps.length === 0 ? `${spaced} ` : spaced;
  },
};
