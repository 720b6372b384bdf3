// Drift monitors that run by themselves: a monitor with `scheduleSeconds` runs once per period
// however many replicas tick (two schedulers with their own lease owner over one store, on an
// injected clock), its results stored and recorded as the metric points alert rules read; a
// monitor without a schedule runs only when asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftScheduler } from '../../src/monitoring/drift-service/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { traceRow } from './trace-fixtures.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** One trace a minute over [from, from + minutes): answers `words(i)` words long. */
async function traffic(s: TestSteward, from: number, minutes: number, words: (i: number) => number): Promise<void> {
  const projectId = s.handle.services.defaultProject.id;
  const rows = Array.from({ length: minutes }, (_, i) => ({
    ...traceRow(projectId, { at: from + i * MINUTE, latencyMs: 10, route: 'support' }),
    request_json: JSON.stringify({ messages: [{ role: 'user', content: `where is my order number ${i}` }] }),
    response_json: JSON.stringify({ choices: [{ message: { role: 'assistant', content: Array.from({ length: words(i) }, (_, w) => `word${w % 7}`).join(' ') } }] }),
  }));
  await s.handle.services.store.db.insertInto('traces').values(rows).execute();
}

for (const engine of ENGINES) {
  describe(`scheduled drift monitors (${engine.name})`, () => {
    let s: TestSteward;
    // Whole hours in the past, so the clock the schedulers are given owns every window.
    const base = Math.floor(Date.now() / HOUR) * HOUR - 10 * HOUR;
    beforeAll(async () => {
      // The server's own schedule is off (alert interval 0): only the schedulers below tick, on their clock.
      s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
      await traffic(s, base - 2 * HOUR, 120, (i) => 5 + (i % 5));
      await traffic(s, base, 60, (i) => 25 + (i % 5));
      await traffic(s, base + HOUR, 60, (i) => 25 + (i % 5));
    });
    afterAll(async () => {
      await s?.close();
    });

    it('runs once per period on one of two replicas, with results as metrics', async () => {
      const config = { route: 'support', features: ['output_length'], currentWindowSeconds: 3600, reference: { kind: 'window' }, scheduleSeconds: 3600 };
      expect((await s.api('POST', '/api/drift/monitors', { body: { name: 'hourly', config } })).status).toBe(201);
      expect((await s.api('POST', '/api/drift/monitors', { body: { name: 'by-hand', config: { ...config, scheduleSeconds: undefined } } })).status).toBe(201);
      const tooOften = await s.api('POST', '/api/drift/monitors', { body: { name: 'too-often', config: { ...config, scheduleSeconds: 1 } } });
      expect(tooOften.status).toBe(400);
      const { store, monitoring } = s.handle.services;
      const replicaA = new DriftScheduler({ store, drift: monitoring.drift, owner: 'replica-a', leaseMs: MINUTE });
      const replicaB = new DriftScheduler({ store, drift: monitoring.drift, owner: 'replica-b', leaseMs: MINUTE });

      // First period: A holds the lease and runs it; B, at the same moment or after A's lease ran out, finds it done.
      const t1 = base + HOUR + 5 * MINUTE;
      const first = await replicaA.tick(t1);
      expect(first.map((r) => r.monitor)).toEqual(['hourly']);
      expect(first[0].results).toMatchObject([{ feature: 'output_length', drifted: true }]);
      expect(await replicaB.tick(t1)).toEqual([]);
      expect(await replicaB.tick(t1 + 10 * MINUTE)).toEqual([]);
      expect(await replicaA.tick(t1 + 20 * MINUTE)).toEqual([]);

      // Next period, both ticking at once (after the lease expired): exactly one of them runs it.
      const t2 = base + 2 * HOUR + 5 * MINUTE;
      const [a, b] = await Promise.all([replicaA.tick(t2), replicaB.tick(t2)]);
      expect([...a, ...b].map((r) => r.monitor)).toEqual(['hourly']);
      expect([...a, ...b][0].results).toMatchObject([{ feature: 'output_length', drifted: false }]);

      // What a user sees: two stored runs of the scheduled monitor, none of the other.
      const results = (await s.api('GET', '/api/drift/monitors/hourly/results')).body.data as { at: string; drifted: boolean }[];
      expect(results.map((r) => [r.at, r.drifted])).toEqual([
        [new Date(t2).toISOString(), false],
        [new Date(t1).toISOString(), true],
      ]);
      expect((await s.api('GET', '/api/drift/monitors/by-hand/results')).body.data).toEqual([]);
      // And the metric points alert rules evaluate: one per run.
      const points = await store.db.selectFrom('metric_points').select(['metric', 'value', 'at']).where('metric', '=', 'drift.hourly.output_length.drifted').orderBy('at').execute();
      expect(points.map((p) => [Number(p.at), Number(p.value)])).toEqual([
        [t1, 1],
        [t2, 0],
      ]);
    });
  });
}
