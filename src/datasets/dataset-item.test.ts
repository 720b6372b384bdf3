import { describe, expect, it } from 'vitest';
import { StewardError } from '../errors/index.js';
import { inputText, lastUserText, mapUserText, parseDatasetItem, referencesOf } from './dataset-item.js';

describe('parseDatasetItem', () => {
  it('reads a plain row as an example and a chosen/rejected row as a preference', () => {
    expect(parseDatasetItem({ input: 'hi', reference: 'hello' }).kind).toBe('example');
    const pref = parseDatasetItem({ input: [{ role: 'user', content: 'hi' }], chosen: 'a', rejected: 'b' });
    expect(pref.kind).toBe('preference');
  });

  it('rejects a bad split, a bad timestamp and an empty message list with a clear error', () => {
    for (const bad of [
      { input: 'x', split: 'dev' },
      { input: 'x', provenance: { collectedAt: 'yesterday' } },
      { input: [] },
      { kind: 'preference', input: 'x', chosen: 'a' },
    ]) {
      try {
        parseDatasetItem(bad);
        expect.unreachable();
      } catch (error) {
        expect(StewardError.is(error) && error.code).toBe('DATASET_ITEM_INVALID');
      }
    }
  });
});

describe('item text helpers', () => {
  const messages = parseDatasetItem({
    input: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'What is 2+2?' }] },
    ],
    reference: '4',
    metadata: { references: ['four', 3] },
  });

  it('joins messages with their roles and finds the last user text', () => {
    expect(inputText(messages.input)).toBe('system: Be brief.\nuser: What is 2+2?');
    expect(lastUserText(messages.input)).toBe('What is 2+2?');
  });

  it('maps only user text', () => {
    const upper = mapUserText(messages.input, (text) => text.toUpperCase());
    expect(inputText(upper)).toBe('system: Be brief.\nuser: WHAT IS 2+2?');
  });

  it('collects string references only', () => {
    expect(referencesOf(messages)).toEqual(['4', 'four']);
  });
});
