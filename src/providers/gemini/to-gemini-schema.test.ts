import { describe, expect, it } from 'vitest';
import { toGeminiSchema } from './to-gemini-schema.js';

describe('toGeminiSchema', () => {
  it('keeps the keywords Gemini knows and drops the rest, recursively', () => {
    expect(
      toGeminiSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        additionalProperties: false,
        properties: {
          city: { type: 'string', description: 'City name', minLength: 1 },
          unit: { type: ['string', 'null'], enum: ['c', 'f'] },
          tags: { type: 'array', items: { type: 'string', additionalProperties: false } },
          kind: { const: 'weather' },
        },
        required: ['city'],
      }),
    ).toEqual({
      type: 'OBJECT',
      properties: {
        city: { type: 'STRING', description: 'City name', minLength: 1 },
        unit: { type: 'STRING', nullable: true, enum: ['c', 'f'] },
        tags: { type: 'ARRAY', items: { type: 'STRING' } },
        kind: { enum: ['weather'] },
      },
      required: ['city'],
    });
  });

  it('turns an optional anyOf into a nullable schema', () => {
    expect(toGeminiSchema({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toEqual({ type: 'INTEGER', nullable: true });
  });
});
