import { describe, expect, it } from 'vitest';
import { contextFor } from './__fixtures__/fake-metric-services.js';
import { bindMetric } from './index.js';

async function score(name: string, config: unknown, output: string, reference?: string, metadata?: Record<string, unknown>) {
  return bindMetric(name, config).score(contextFor(output, reference === undefined ? { metadata } : { reference, metadata }));
}

describe('exact_match', () => {
  it('matches after default normalisation and any of several references', async () => {
    expect((await score('exact_match', {}, '  Paris ', 'paris')).score).toBe(1);
    expect((await score('exact_match', {}, 'Paris.', 'paris')).score).toBe(0);
    expect((await score('exact_match', { stripPunctuation: true }, 'Paris.', 'paris')).score).toBe(1);
    expect((await score('exact_match', {}, 'Lutetia', 'Paris', { references: ['lutetia'] })).score).toBe(1);
    expect((await score('exact_match', { caseSensitive: true }, 'Paris', 'paris')).score).toBe(0);
  });

  it('is an error, not a zero, without a reference', async () => {
    expect(await score('exact_match', {}, 'Paris')).toEqual({ error: 'the item has no reference' });
  });
});

describe('contains', () => {
  it('supports any and all, case-insensitive by default', async () => {
    expect((await score('contains', { values: ['red', 'blue'] }, 'It is BLUE')).passed).toBe(true);
    const all = await score('contains', { values: ['red', 'blue'], mode: 'all' }, 'It is blue');
    expect(all).toMatchObject({ score: 0.5, passed: false, details: { missing: ['red'] } });
    expect((await score('contains', { values: ['Blue'], caseSensitive: true }, 'blue')).passed).toBe(false);
    expect((await score('contains', {}, 'The answer is 42.', '42')).passed).toBe(true);
  });
});

describe('regex', () => {
  it('passes on match or no match as configured', async () => {
    expect((await score('regex', { pattern: '^\\d{3}-\\d{4}$' }, '555-1234')).passed).toBe(true);
    expect((await score('regex', { pattern: 'sk-[a-z0-9]{8}', expect: 'no_match' }, 'key sk-abcd1234')).passed).toBe(false);
  });

  it('rejects an invalid pattern when the config is validated', () => {
    expect(() => bindMetric('regex', { pattern: '([a-z' })).toThrow(/invalid regular expression/);
  });
});

describe('json_valid and json_schema', () => {
  it('accepts fenced JSON and rejects broken JSON', async () => {
    expect((await score('json_valid', {}, '```json\n{"a": 1}\n```')).passed).toBe(true);
    expect((await score('json_valid', {}, '{"a": 1')).passed).toBe(false);
    expect((await score('json_valid', { requireContainer: true }, '"just a string"')).passed).toBe(false);
  });

  it('validates against a schema and lists violations', async () => {
    const schema = { type: 'object', required: ['name', 'age'], properties: { age: { type: 'integer', minimum: 0 } } };
    expect((await score('json_schema', { schema }, '{"name": "Ada", "age": 36}')).passed).toBe(true);
    const bad = await score('json_schema', { schema }, '{"age": -1}');
    expect(bad.passed).toBe(false);
    expect(bad.details?.violations).toEqual(expect.arrayContaining([expect.stringContaining('name'), expect.stringContaining('>= 0')]));
  });

  it('rejects a schema that does not compile at config time', () => {
    expect(() => bindMetric('json_schema', { schema: { type: 'no-such-type' } })).toThrow(/does not compile/);
  });
});

describe('numeric', () => {
  it('extracts the last number and compares within tolerance', async () => {
    expect((await score('numeric', {}, 'So 3 + 4 = 7, the answer is 1,234.', '1234')).passed).toBe(true);
    expect((await score('numeric', {}, 'about 99.5', '100')).passed).toBe(false);
    expect((await score('numeric', { relative: 0.01 }, 'about 99.5', '100')).passed).toBe(true);
    expect((await score('numeric', { absolute: 0.5 }, '−3.2', '-3')).passed).toBe(true);
    expect((await score('numeric', {}, 'no idea', '5')).score).toBe(0);
  });
});

describe('edit_distance', () => {
  it('is 1 − edits / longer length', async () => {
    expect((await score('edit_distance', {}, 'kitten', 'sitting')).score).toBeCloseTo(1 - 3 / 7, 10);
    expect((await score('edit_distance', {}, 'Same', 'same')).score).toBe(1);
  });
});

describe('metric configurations', () => {
  it('refuse an option the metric does not have instead of ignoring it', () => {
    expect(() => bindMetric('bleu', { smoothig: 'floor' })).toThrow(/smoothig/);
    // ROUGE as rouge-score has no beta: a configuration asking for one must not silently score F1.
    expect(() => bindMetric('rouge_l', { beta: 2 })).toThrow(/beta/);
    expect(() => bindMetric('token_f1', { normalization: 'squad', lowercase: false })).toThrow(/lowercase/);
  });
});
