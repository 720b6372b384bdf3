// Drift monitors over the real server: live traffic whose answers got longer drifts against the
// previous window (KS at this size), the same traffic does not; results become metrics an alert
// rule fires on; a dataset version can be the reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { traceRow } from './trace-fixtures.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

async function traffic(s: TestSteward, from: number, n: number, answerWords: (i: number) => number): Promise<void> {
  const projectId = s.handle.services.defaultProject.id;
  const rows = Array.from({ length: n }, (_, i) => ({
    ...traceRow(projectId, { at: from + i * 1000, latencyMs: 10, route: 'support' }),
    request_json: JSON.stringify({ messages: [{ role: 'user', content: `where is my order number ${i}` }] }),
    response_json: JSON.stringify({ choices: [{ message: { role: 'assistant', content: Array.from({ length: answerWords(i) }, (_, w) => `word${w % 7}`).join(' ') } }] }),
  }));
  await s.handle.services.store.db.insertInto('traces').values(rows).execute();
}

interface Result {
  feature: string;
  test: string;
  drifted: boolean;
  statistic: number;
  pValue?: number;
  nReference: number;
  nCurrent: number;
}

for (const engine of ENGINES) {
  describe(`drift monitors (${engine.name})`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    });
    afterAll(async () => {
      await s.close();
    });

    it('detects longer answers against the previous window and feeds an alert', async () => {
      // Each minute of traffic sits in the middle of its hour, so the windows the server computes from
      // its own clock still hold every row however long this or the next test takes (up to 30 min).
      const now = Date.now();
      await traffic(s, now - 2 * HOUR + 30 * MINUTE, 60, (i) => 5 + (i % 5));
      await traffic(s, now - HOUR + 30 * MINUTE, 60, (i) => 25 + (i % 5));
      const bad = await s.api('POST', '/api/drift/monitors', { body: { name: 'x', config: { features: ['nope'], reference: { kind: 'window' } } } });
      expect(bad.status).toBe(400);
      const monitor = await s.api('POST', '/api/drift/monitors', { body: { name: 'support-answers', config: { route: 'support', features: ['input_length', 'output_length', 'output_words'], currentWindowSeconds: 3600, reference: { kind: 'window' } } } });
      expect(monitor.status).toBe(201);
      const run = await s.api('POST', '/api/drift/monitors/support-answers/run');
      const results = run.body.data as Result[];
      const byFeature = Object.fromEntries(results.map((r) => [r.feature, r]));
      expect(byFeature.output_length).toMatchObject({ test: 'ks', drifted: true, nReference: 60, nCurrent: 60 });
      expect(byFeature.output_length.pValue).toBeLessThan(0.001);
      expect(byFeature.input_length).toMatchObject({ test: 'ks', drifted: false });
      expect(byFeature.output_words.test).toBe('chi_squared');
      expect((await s.api('GET', '/api/drift/monitors/support-answers/results')).body.data).toHaveLength(3);

      const series = await s.api('GET', `/api/metrics/timeseries?metric=drift.support-answers.output_length.drifted&from=${now - 60_000}&to=${now + 30 * MINUTE}`);
      expect((series.body.data as { value: number }[]).map((p) => p.value)).toEqual([1]);
      await s.api('POST', '/api/alerts/channels', { body: { name: 'log', kind: 'log' } });
      await s.api('POST', '/api/alerts/rules', { body: { name: 'AnswersDrifted', metric: 'drift.support-answers.output_length.drifted', aggregation: 'max', condition: { type: 'threshold', op: '>=', value: 1 }, windowSeconds: 600, severity: 'warning', channels: ['log'] } });
      const tick = await s.handle.services.monitoring.alertEvaluator.tick(Date.now() + 1000);
      expect(tick.notifications.map((n) => [n.ruleName, n.status])).toEqual([['AnswersDrifted', 'firing']]);
    });

    it('compares live traffic with a dataset version', async () => {
      const created = await s.api('POST', '/api/datasets', { body: { name: 'support-ref' } });
      expect([200, 201]).toContain(created.status);
      const items = Array.from({ length: 40 }, (_, i) => ({ input: `where is my order number ${i}`, reference: Array.from({ length: 5 + (i % 5) }, (_, w) => `word${w}`).join(' ') }));
      const version = await s.api('POST', '/api/datasets/support-ref/versions', { body: { items } });
      const versionId = ((version.body.version ?? version.body) as { id: string }).id;
      expect(versionId).toBeTruthy();
      await s.api('POST', '/api/drift/monitors', { body: { name: 'vs-dataset', config: { route: 'support', features: ['output_length'], reference: { kind: 'dataset', datasetVersionId: versionId } } } });
      const run = await s.api('POST', '/api/drift/monitors/vs-dataset/run');
      expect(run.body.data).toEqual([expect.objectContaining({ feature: 'output_length', drifted: true, nReference: 40, nCurrent: 60 })]);
    });
  });
}
