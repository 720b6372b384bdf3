import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './item-depth.js';
import { applyFieldOptions, parseFieldMap, unknownFieldsMessage } from './item-fields.js';

describe('import field options', () => {
  it('refuses unknown fields, renames mapped ones (also into metadata), keeps the rest under metadata when asked', () => {
    expect(applyFieldOptions({ input: 'q', expected: 'a' })).toEqual({ unknown: ['expected'] });
    expect(applyFieldOptions({ input: 'q', expected: 'a', topic: 't' }, { map: { expected: 'reference', topic: 'metadata.topic' } })).toEqual({ value: { input: 'q', reference: 'a', metadata: { topic: 't' } } });
    expect(applyFieldOptions({ input: 'q', expected: 'a', metadata: { x: 1 } }, { keepUnknown: true })).toEqual({ value: { input: 'q', metadata: { x: 1, expected: 'a' } } });
    // OpenAI fine-tuning rows and every item field are known.
    expect(applyFieldOptions({ messages: [], id: 'x', split: 'test', provenance: {}, contexts: [], reference_contexts: [] })).toHaveProperty('value');
    expect(unknownFieldsMessage(['expected'])).toContain('--map expected=reference');
  });

  it('reads from=to pairs, repeated or comma-separated, and names a bad one', () => {
    expect(parseFieldMap(['expected=reference', 'a=metadata.a,b=reference'])).toEqual({ expected: 'reference', a: 'metadata.a', b: 'reference' });
    expect(parseFieldMap(['expected'])).toMatch(/cannot read the field mapping "expected"/);
  });

  it('measures nesting without recursion, far beyond any stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 64)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
  });
});
