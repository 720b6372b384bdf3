import { describe, expect, it } from 'vitest';
import { perturbText } from './perturb-text.js';
import { PERTURBATION_KINDS } from './text-perturbation.js';

const TEXT = 'Please explain the problem with my car and help me choose a simple answer.';

function letters(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

describe('perturbText', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    for (const kind of PERTURBATION_KINDS) {
      const a = perturbText(TEXT, kind, { seed: 1 });
      expect(perturbText(TEXT, kind, { seed: 1 })).toBe(a);
      expect(a).not.toBe(TEXT);
      const others = [2, 3, 4, 5].map((seed) => perturbText(TEXT, kind, { seed }));
      expect(others.some((other) => other !== a)).toBe(true);
    }
  });

  it('typos change a few letters but keep the text recognisable', () => {
    const out = perturbText(TEXT, 'typos', { seed: 3, rate: 0.2 });
    expect(Math.abs(out.length - TEXT.length)).toBeLessThanOrEqual(6);
    expect(out.split(' ').length).toBe(TEXT.split(' ').length);
  });

  it('casing and whitespace keep the letters', () => {
    expect(letters(perturbText(TEXT, 'casing', { seed: 9, rate: 0.5 }))).toBe(letters(TEXT));
    const spaced = perturbText(TEXT, 'whitespace', { seed: 9 });
    expect(spaced.replace(/\s+/g, ' ').trim()).toBe(TEXT);
  });

  it('synonyms replace table words only, keeping case', () => {
    const out = perturbText('Explain the PROBLEM.', 'synonyms', { seed: 4, rate: 1 });
    expect(out).toMatch(/^(Describe|Clarify) the ISSUE\.$/);
    expect(perturbText('Nothing to swap here', 'synonyms', { seed: 4 })).toBe('Nothing to swap here');
  });
});
