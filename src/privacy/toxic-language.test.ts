import { describe, expect, it } from 'vitest';
import { findToxicLanguage, hasToxicLanguage } from './toxic-language.js';

describe('findToxicLanguage', () => {
  it('finds profanity through leetspeak and reports its span', () => {
    const text = 'you are a fucking idiot, sh1t.';
    const found = findToxicLanguage(text);
    expect(found.map((m) => m.term)).toEqual(['fuck', 'shit']);
    expect(text.slice(found[1].start, found[1].end)).toBe('sh1t');
  });

  it('does not flag innocent words that contain a lexicon word', () => {
    expect(hasToxicLanguage('The assistant passed the class on Scunthorpe grasslands.')).toBe(false);
  });
});
