import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ResponseFieldsDroppedError, droppedPaths, responseSerializer } from './response-serializer.js';

const Schema = z.object({ id: z.string(), items: z.array(z.object({ name: z.string() })), extra: z.record(z.string(), z.number()).optional() });
const compile = (strict: boolean) => responseSerializer({ strict })({ schema: Schema, method: 'GET', url: '/api/things/:id', httpStatus: '200' });

describe('the response serializer', () => {
  it('names each field the schema would drop, nested ones by their path', () => {
    expect(droppedPaths({ id: 'a', secret: 1, items: [{ name: 'x', note: 'y' }] }, { id: 'a', items: [{ name: 'x' }] })).toEqual(['$.secret', '$.items[0].note']);
    // Undefined fields are not sent as JSON either, so losing them loses nothing.
    expect(droppedPaths({ id: 'a', gone: undefined }, { id: 'a' })).toEqual([]);
  });

  it('fails an answer that would lose a field in strict mode, and drops it silently otherwise', () => {
    const answer = { id: 'a', projectId: 'p1', items: [{ name: 'x' }], extra: { k: 1 } };
    expect(() => compile(true)(answer)).toThrow(ResponseFieldsDroppedError);
    expect(() => compile(true)(answer)).toThrow(/does not declare \$\.projectId/);
    expect(JSON.parse(compile(false)(answer))).toEqual({ id: 'a', items: [{ name: 'x' }], extra: { k: 1 } });
    // A record's own keys are declared by the record: nothing is lost.
    expect(JSON.parse(compile(true)({ id: 'a', items: [], extra: { any: 2 } }))).toEqual({ id: 'a', items: [], extra: { any: 2 } });
  });
});
