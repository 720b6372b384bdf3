import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean, editDistance } from './closest-names.js';

describe('closest names', () => {
  it('measures Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('modles', 'models')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests near names first and nothing when nothing is near', () => {
    expect(closestNames('modles', ['models', 'prompts', 'routes'])).toEqual(['models']);
    expect(closestNames('opnai', ['openai', 'anthropic', 'builtin'])).toEqual(['openai']);
    expect(closestNames('support', ['support-bot', 'billing'])).toEqual(['support-bot']);
    expect(closestNames('zzzzzz', ['openai', 'builtin'])).toEqual([]);
    expect(didYouMean('prodution', ['production', 'staging'])).toBe(' (did you mean "production"?)');
    expect(didYouMean('ab', ['ac', 'ad'])).toBe(' (did you mean "ac" or "ad"?)');
    expect(didYouMean('qqqqqq', ['a'])).toBe('');
  });
});
