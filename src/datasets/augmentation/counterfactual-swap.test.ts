import { describe, expect, it } from 'vitest';
import { counterfactualSwap } from './counterfactual-swap.js';
import { firstNames } from './first-names.js';

describe('counterfactualSwap', () => {
  it('swaps pronouns, resolving her/his from the next word', () => {
    const out = counterfactualSwap('She gave her book to him and told her it was his.', { swaps: ['pronouns'] });
    expect(out.text).toBe('He gave his book to her and told him it was hers.');
  });

  it('swaps gender terms keeping case', () => {
    const out = counterfactualSwap('The King met the WOMAN and her Brother.', { swaps: ['gender_terms'] });
    expect(out.text).toBe('The Queen met the MAN and her Sister.');
  });

  it('swaps a name for a name of the other gender from the package lists, consistently', () => {
    const names = firstNames();
    const out = counterfactualSwap('Linda called John. Later Linda wrote to John.', { swaps: ['names'], seed: 5 });
    const swapped = out.swaps.map((s) => s.to);
    expect(swapped).toHaveLength(4);
    expect(swapped[0]).toBe(swapped[2]);
    expect(swapped[1]).toBe(swapped[3]);
    expect(names.genderOf.get(swapped[0].toLowerCase())).toBe('male');
    expect(names.genderOf.get(swapped[1].toLowerCase())).toBe('female');
    expect(counterfactualSwap('Linda called John.', { swaps: ['names'], seed: 5 }).text).toBe(
      `${swapped[0]} called ${swapped[1]}.`,
    );
  });

  it('leaves unisex names and name-like words at sentence start alone', () => {
    expect(counterfactualSwap('Alex said hello.', { swaps: ['names'] }).swaps).toEqual([]);
    expect(counterfactualSwap('Will you help?', { swaps: ['names'] }).swaps).toEqual([]);
  });

  it('reports nothing to swap when there is nothing gendered', () => {
    expect(counterfactualSwap('The weather is nice today.').swaps).toEqual([]);
  });
});
