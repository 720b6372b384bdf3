// Annotation queues over the real server: filled from a trace filter, items assigned to two
// annotator keys, annotations validated against the score schema, agreement computed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { insertTraces } from '../monitoring/trace-fixtures.js';

for (const engine of ENGINES) {
  describe(`annotation queues (${engine.name})`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    });
    afterAll(async () => {
      await s.close();
    });

    it('assigns filtered traces to two annotators, validates scores and measures agreement', async () => {
      const projectId = s.handle.services.defaultProject.id;
      await insertTraces(s.handle.services.store, projectId, [
        ...Array.from({ length: 6 }, (_, i) => ({ at: Date.now() - 10_000 + i, latencyMs: 10, route: 'support' })),
        { at: Date.now(), latencyMs: 10, route: 'other' },
      ]);
      const alice = (await s.api('POST', '/api/keys', { body: { name: 'alice', role: 'viewer' } })).body as { key: string; record: { id: string } };
      const bob = (await s.api('POST', '/api/keys', { body: { name: 'bob', role: 'viewer' } })).body as { key: string; record: { id: string } };
      const schema = { fields: [{ name: 'helpful', type: 'categorical', options: ['yes', 'partly', 'no'] }, { name: 'quality', type: 'numeric', min: 1, max: 5 }, { name: 'safe', type: 'boolean' }] };
      const queue = await s.api('POST', '/api/annotation/queues', { body: { name: 'support-review', schema, filter: { route: 'support' }, annotators: [alice.record.id, bob.record.id], perItem: 2 } });
      expect(queue.status).toBe(201);
      expect(queue.body).toMatchObject({ items: 6, annotated: 0, perItem: 2 });

      const first = (await s.api('GET', '/api/annotation/queues/support-review/next', { key: alice.key })).body.item as { traceId: string };
      const bad = await s.api('POST', `/api/annotation/queues/support-review/items/${first.traceId}`, { key: alice.key, body: { values: { helpful: 'maybe', quality: 9, extra: 1 } } });
      expect(bad.status).toBe(400);
      expect((bad.body.error as { message: string }).message).toMatch(/helpful must be one of yes, partly, no.*quality must be a number from 1 to 5.*safe is required.*extra is not a field/);

      // Alice and Bob agree on helpfulness for 5 of 6 items and give close quality scores.
      const alicePlan = ['yes', 'yes', 'no', 'partly', 'no', 'yes'];
      const bobPlan = ['yes', 'yes', 'no', 'partly', 'no', 'no'];
      for (const [who, plan, offset] of [[alice, alicePlan, 0], [bob, bobPlan, 1]] as const) {
        for (let i = 0; i < 6; i++) {
          const next = (await s.api('GET', '/api/annotation/queues/support-review/next', { key: who.key })).body.item as { traceId: string; position: number };
          const ok = await s.api('POST', `/api/annotation/queues/support-review/items/${next.traceId}`, { key: who.key, body: { values: { helpful: plan[next.position], quality: 2 + (next.position % 3) + (offset && next.position === 5 ? 1 : 0), safe: true } } });
          expect(ok.status).toBe(201);
        }
        expect((await s.api('GET', '/api/annotation/queues/support-review/next', { key: who.key })).body.item).toBeNull();
      }
      const again = (await s.api('GET', '/api/annotation/queues/support-review')).body;
      expect(again).toMatchObject({ annotated: 6 });
      const agreement = (await s.api('GET', '/api/annotation/queues/support-review/agreement')).body.data as { field: string; items: number; alpha: number | null; cohensKappa: number | null }[];
      const helpful = agreement.find((a) => a.field === 'helpful');
      expect(helpful?.items).toBe(6);
      // 5/6 observed agreement; marginals A {yes 3, no 2, partly 1}, B {yes 2, no 3, partly 1} → pe = 13/36.
      expect(helpful?.cohensKappa).toBeCloseTo((5 / 6 - 13 / 36) / (1 - 13 / 36), 10);
      expect(helpful?.alpha).toBeGreaterThan(0.7);
      expect(agreement.find((a) => a.field === 'quality')?.alpha).toBeGreaterThan(0.5);
      expect(agreement.find((a) => a.field === 'safe')).toMatchObject({ alpha: null, cohensKappa: null });
    });
  });
}
