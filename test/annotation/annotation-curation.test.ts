// Annotation queues curated into dataset versions: two annotators grade answers to the same prompt
// and one writes the answer the model should have given; curation makes an SFT example from the
// correction, a preference of the correction over the model's answer, and a pair of the better-graded
// answer over the worse, each keeping the trace and the annotation it came from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

interface Item {
  id: string;
  kind: string;
  input: { role: string; content: string }[];
  reference?: string;
  chosen?: string;
  rejected?: string;
  metadata: Record<string, unknown>;
  provenance: { source: string; traceId?: string; annotationId?: string };
}

const QUESTION = 'What is the capital of France?';

for (const engine of ENGINES) {
  describe(`curation from annotation queues (${engine.name})`, () => {
    let standIn: StandIn;
    let s: TestSteward;

    beforeAll(async () => {
      standIn = await startAnsweringStandIn((model) => (model === 'good' ? 'Paris is the capital of France.' : 'It is Lyon.'));
      s = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }] } });
    });
    afterAll(async () => {
      await s.close();
      await standIn.close();
    });

    async function chat(model: string): Promise<string> {
      const response = await s.api('POST', '/v1/chat/completions', { body: { model, messages: [{ role: 'user', content: QUESTION }] } });
      expect(response.status, response.text).toBe(200);
      const traceId = response.headers.get('x-steward-trace-id') as string;
      // The queue is filled from stored traces: wait until the background writer has stored this one.
      for (let tries = 0; (await s.api('GET', `/api/traces/${traceId}`)).status !== 200; tries++) {
        if (tries > 600) throw new Error(`trace ${traceId} was never stored`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return traceId;
    }

    async function annotator(name: string): Promise<{ key: string; id: string }> {
      const created = await s.api('POST', '/api/keys', { body: { name, role: 'viewer' } });
      expect(created.status, created.text).toBe(201);
      return { key: String(created.body.key), id: (created.body.record as { id: string }).id };
    }

    it('turns corrections into SFT items and grades into preference pairs, keeping trace and annotation ids', async () => {
      const good = await chat('mock/good');
      const bad = await chat('mock/bad');
      const alice = await annotator('alice');
      const bob = await annotator('bob');
      const schema = { fields: [{ name: 'quality', type: 'numeric', min: 1, max: 5 }, { name: 'better', type: 'text', optional: true }] };
      const queue = await s.api('POST', '/api/annotation/queues', { body: { name: 'capitals', schema, annotators: [alice.id, bob.id], perItem: 2 } });
      expect(queue.status, queue.text).toBe(201);
      expect(queue.body).toMatchObject({ items: 2 });

      const plan: Record<string, Record<string, Record<string, unknown>>> = {
        [alice.id]: { [good]: { quality: 5 }, [bad]: { quality: 1, better: 'Paris.' } },
        [bob.id]: { [good]: { quality: 4, better: '' }, [bad]: { quality: 2 } },
      };
      const annotationIds: Record<string, string> = {};
      for (const who of [alice, bob]) {
        for (;;) {
          const next = (await s.api('GET', '/api/annotation/queues/capitals/next', { key: who.key })).body.item as { traceId: string } | null;
          if (!next) break;
          const saved = await s.api('POST', `/api/annotation/queues/capitals/items/${next.traceId}`, { key: who.key, body: { values: plan[who.id][next.traceId] } });
          expect(saved.status, saved.text).toBe(201);
          annotationIds[`${who.id}:${next.traceId}`] = String(saved.body.id);
        }
      }
      expect(Object.keys(annotationIds)).toHaveLength(4);
      // Free text has no agreement measure; the grade has one.
      const agreement = (await s.api('GET', '/api/annotation/queues/capitals/agreement')).body.data as { field: string }[];
      expect(agreement.map((a) => a.field)).toEqual(['quality']);

      expect((await s.api('POST', '/api/datasets', { body: { name: 'from-review' } })).status).toBe(201);
      const curated = await s.api('POST', '/api/datasets/from-review/from-annotations', { body: { queue: 'capitals', correctionField: 'better', gradeField: 'quality', message: 'weekly review' } });
      expect(curated.status, curated.text).toBe(201);
      const version = curated.body.version as { version: number; operation: string; params: Record<string, unknown> };
      expect(version).toMatchObject({ version: 1, operation: 'curate', params: { source: 'annotations', queue: 'capitals', annotations: 4, items: 3 } });

      const items = ((await s.api('GET', '/api/datasets/from-review/versions/1/items')).body.data as { item: Item }[]).map((e) => e.item);
      const aliceOnBad = annotationIds[`${alice.id}:${bad}`];
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'example', reference: 'Paris.', input: [{ role: 'user', content: QUESTION }], provenance: expect.objectContaining({ source: 'annotation', traceId: bad, annotationId: aliceOnBad }) }),
          expect.objectContaining({ kind: 'preference', chosen: 'Paris.', rejected: 'It is Lyon.', provenance: expect.objectContaining({ traceId: bad, annotationId: aliceOnBad }) }),
          expect.objectContaining({
            kind: 'preference',
            chosen: 'Paris is the capital of France.',
            rejected: 'It is Lyon.',
            metadata: expect.objectContaining({ curated: 'annotation-grade', chosenTraceId: good, rejectedTraceId: bad, chosenGrade: 0.875, rejectedGrade: 0.125, chosenAnnotators: 2 }),
          }),
        ]),
      );
      expect(items).toHaveLength(3);

      // The same annotations curated again make the same items: appending them changes nothing.
      const again = await s.api('POST', '/api/datasets/from-review/from-annotations', { body: { queue: 'capitals', correctionField: 'better', gradeField: 'quality', kinds: ['sft'], append: false } });
      expect(again.status, again.text).toBe(201);
      const sftOnly = ((await s.api('GET', `/api/datasets/from-review/versions/${(again.body.version as { version: number }).version}/items`)).body.data as { item: Item }[]).map((e) => e.item);
      expect(sftOnly.map((i) => [i.kind, i.reference])).toEqual([['example', 'Paris.']]);

      // A gap larger than the grades' difference leaves only the correction's items.
      const gapped = await s.api('POST', '/api/datasets/from-review/from-annotations', { body: { queue: 'capitals', gradeField: 'quality', minGradeGap: 0.8, append: false } });
      expect(gapped.status).toBe(400);
      expect((gapped.body.error as { message: string }).message).toMatch(/no usable annotation in queue capitals/);
    });

    it('refuses what it cannot curate with a clear error, and never reads another project', async () => {
      await s.api('POST', '/api/datasets', { body: { name: 'refusals' } });
      const schema = { fields: [{ name: 'quality', type: 'numeric', min: 1, max: 5 }, { name: 'better', type: 'text', optional: true }] };
      expect((await s.api('POST', '/api/annotation/queues', { body: { name: 'graded', schema } })).status).toBe(201);
      const post = (body: unknown, key?: string) => s.api('POST', '/api/datasets/refusals/from-annotations', { body, key });
      const unknownQueue = await post({ queue: 'nope', gradeField: 'quality' });
      expect(unknownQueue.status).toBe(404);
      expect(unknownQueue.body.error).toMatchObject({ code: 'ANNOTATION_QUEUE_NOT_FOUND' });
      const wrongType = await post({ queue: 'graded', gradeField: 'better' });
      expect(wrongType.status).toBe(400);
      expect((wrongType.body.error as { message: string }).message).toMatch(/gradeField better is not a numeric\/boolean\/categorical field of the queue \(its numeric\/boolean\/categorical fields: quality\)/);
      const neither = await post({ queue: 'graded' });
      expect(neither.status).toBe(400);
      expect((neither.body.error as { message: string }).message).toMatch(/name a correctionField, a gradeField or both/);
      const extra = await post({ queue: 'graded', gradeField: 'quality', grade: 'quality' });
      expect(extra.status).toBe(400);

      const other = await s.api('POST', '/api/projects', { body: { name: 'elsewhere' } });
      expect(other.status, other.text).toBe(201);
      const otherKey = String((await s.api('POST', '/api/keys', { body: { name: 'elsewhere-admin', role: 'admin', project: String(other.body.id) } })).body.key);
      expect((await s.api('POST', '/api/datasets', { key: otherKey, body: { name: 'refusals' } })).status).toBe(201);
      const leak = await post({ queue: 'graded', gradeField: 'quality' }, otherKey);
      expect(leak.status).toBe(404);
      expect(leak.body.error).toMatchObject({ code: 'ANNOTATION_QUEUE_NOT_FOUND' });
    });
  });
}
