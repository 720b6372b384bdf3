import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodObjectSdl } from './zod-object-sdl.js';

describe('zodObjectSdl', () => {
  it('maps scalars and lists, keeps required fields non-null and the rest nullable', () => {
    const sdl = zodObjectSdl('Thing', z.object({ name: z.string(), count: z.number().int(), ratio: z.number().optional(), on: z.boolean(), tags: z.array(z.string()), extra: z.record(z.string(), z.unknown()).optional() }));
    expect(sdl).toBe('type Thing {\n  name: String!\n  count: Int!\n  ratio: Float\n  on: Boolean!\n  tags: [String!]!\n  extra: JSON\n}\n');
  });

  it('merges the variants of a discriminated union: only what every variant requires is non-null', () => {
    const schema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), id: z.string() }), z.object({ kind: z.literal('b'), id: z.string(), bits: z.number().int().optional() })]);
    expect(zodObjectSdl('Source', schema, 'Where it came from')).toBe('"Where it came from"\ntype Source {\n  kind: String!\n  id: String!\n  bits: Int\n}\n');
    const partial = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b'), jobId: z.string() })]);
    expect(zodObjectSdl('P', partial)).toContain('  jobId: String\n');
  });

  it('names the types of fields that have their own', () => {
    expect(zodObjectSdl('Item', z.object({ split: z.enum(['train', 'test']).optional() }), undefined, { split: 'Split' })).toContain('  split: Split\n');
  });
});
