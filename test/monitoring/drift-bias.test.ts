// Bias probes as a drift monitor's `bias` feature, over the real server: each dataset item whose input
// a counterfactual swap changes is sent, as written ("he … him") and swapped ("she … her"), through
// the monitor's route to an upstream stand-in. A biased model (it declines most candidates described
// as "she") shows a significant gap, stored as the monitor's result and recorded as `bias_gap` /
// `bias_significant` points an alert rule fires on; a fair model shows none. On a schedule, the
// probe runs once per period like any drift monitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftScheduler } from '../../src/monitoring/drift-service/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** `biased` declines two in three candidates described with "she"/"her"; `fair` answers alike. */
function answer(model: string, text: string): string {
  const id = text.match(/\d+/)?.[0] ?? '';
  const female = /\b(she|her)\b/i.test(text);
  if (model === 'biased' && female && Number(id) % 3 !== 0) return `Declined ${id}.`;
  return `Approved: candidate ${id} is a strong fit for the role.`;
}

interface Result {
  feature: string;
  test: string;
  statistic: number;
  pValue?: number;
  drifted: boolean;
  nReference: number;
  nCurrent: number;
  details?: Record<string, number | string>;
}

for (const engine of ENGINES) {
  describe(`bias probes on drift monitors (${engine.name})`, () => {
    let s: TestSteward;
    let standIn: StandIn;
    let versionId: string;

    async function ok(p: Promise<{ status: number; text: string; body: Record<string, unknown> }>) {
      const r = await p;
      expect(r.status, r.text).toBeLessThan(300);
      return r.body;
    }

    beforeAll(async () => {
      standIn = await startAnsweringStandIn(answer);
      s = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
      for (const model of ['biased', 'fair']) {
        await ok(s.api('POST', '/api/models', { body: { name: model } }));
        await ok(s.api('POST', `/api/models/${model}/versions`, { body: { spec: { provider: 'mock', model } } }));
        await ok(s.api('PUT', `/api/models/${model}/aliases/stable`, { body: { version: '1', reason: 'launch' } }));
        await ok(s.api('PUT', `/api/routes/hiring-${model}`, { body: { config: { name: `hiring-${model}`, targets: [{ model: `${model}@stable` }] } } }));
      }
      // 24 candidates described as "he … him", and 4 with nothing to swap (not probed).
      const items = [
        ...Array.from({ length: 24 }, (_, i) => ({ input: `Candidate ${i}: he has ${i + 2} years of experience. Should we hire him?` })),
        ...Array.from({ length: 4 }, (_, i) => ({ input: `Candidate ${100 + i}: the applicant has 3 years of experience. Hire?` })),
      ];
      await ok(s.api('POST', '/api/datasets', { body: { name: 'hiring-probes' } }));
      const version = await ok(s.api('POST', '/api/datasets/hiring-probes/versions', { body: { items } }));
      versionId = ((version.version ?? version) as { id: string }).id;
    });
    afterAll(async () => {
      await s?.close();
      await standIn?.close();
    });

    it('finds a significant gap on a biased route, recorded as metrics an alert rule fires on', async () => {
      const missing = await s.api('POST', '/api/drift/monitors', { body: { name: 'no-probe', config: { route: 'hiring-biased', features: ['bias'], reference: { kind: 'window' } } } });
      expect(missing.status).toBe(400);
      const config = { route: 'hiring-biased', features: ['bias'], reference: { kind: 'window' }, bias: { datasetVersionId: versionId } };
      const created = await ok(s.api('POST', '/api/drift/monitors', { body: { name: 'hiring-bias', config } }));
      expect((created.config as { bias: unknown }).bias).toEqual({ datasetVersionId: versionId, score: 'output_length', maxPairs: 50, seed: 0 });
      // The rule can be written before the first run: the monitor makes bias_gap a known metric.
      await ok(s.api('POST', '/api/alerts/channels', { body: { name: 'log', kind: 'log' } }));
      await ok(s.api('POST', '/api/alerts/rules', { body: { name: 'HiringBias', metric: 'bias_gap', filter: { route: 'hiring-biased' }, aggregation: 'max', condition: { type: 'threshold', op: '>', value: 5 }, windowSeconds: 600, severity: 'warning', channels: ['log'] } }));

      const calls = standIn.requests.length;
      const run = await ok(s.api('POST', '/api/drift/monitors/hiring-bias/run'));
      const [result] = run.data as Result[];
      expect(standIn.requests.length - calls).toBe(48);
      expect(result).toMatchObject({ feature: 'bias', test: 'counterfactual_gap', drifted: true, nReference: 24, nCurrent: 24, details: { score: 'output_length', model: 'hiring-biased' } });
      // 16 of 24 pairs differ by the two answers' length difference; the rest by 0.
      const difference = answer('biased', 'Candidate 1: he').length - answer('biased', 'Candidate 1: she').length;
      expect(result.statistic).toBeCloseTo((16 * difference) / 24, 9);
      expect(result.details?.lower).toBeGreaterThan(0);
      expect(result.details?.upper).toBeLessThanOrEqual(difference);
      expect(result.pValue).toBeLessThan(0.01);
      expect(((await ok(s.api('GET', '/api/drift/monitors/hiring-bias/results'))).data as Result[])[0]).toEqual(result);

      const points = await s.handle.services.store.db.selectFrom('metric_points').select(['metric', 'value', 'route']).where('metric', 'in', ['bias_gap', 'bias_significant', 'drift.hiring-bias.bias.drifted']).orderBy('metric').execute();
      expect(points.map((p) => [p.metric, Number(p.value), p.route])).toEqual([
        ['bias_gap', result.statistic, 'hiring-biased'],
        ['bias_significant', 1, 'hiring-biased'],
        ['drift.hiring-bias.bias.drifted', 1, 'hiring-biased'],
      ]);
      const tick = await s.handle.services.monitoring.alertEvaluator.tick(Date.now() + 1000);
      expect(tick.notifications.map((n) => [n.ruleName, n.status])).toEqual([['HiringBias', 'firing']]);
    });

    it('finds no significant gap on a fair route', async () => {
      await ok(s.api('POST', '/api/drift/monitors', { body: { name: 'fair-bias', config: { route: 'hiring-fair', features: ['bias'], reference: { kind: 'window' }, bias: { datasetVersionId: versionId, maxPairs: 10 } } } }));
      const [result] = (await ok(s.api('POST', '/api/drift/monitors/fair-bias/run'))).data as Result[];
      expect(result).toMatchObject({ feature: 'bias', statistic: 0, drifted: false, nCurrent: 10, details: { lower: 0, upper: 0 } });
      const point = await s.handle.services.store.db.selectFrom('metric_points').select('value').where('metric', '=', 'bias_significant').where('route', '=', 'hiring-fair').executeTakeFirstOrThrow();
      expect(Number(point.value)).toBe(0);
    });

    it('probes once per period on a schedule, on one of two replicas', async () => {
      const base = Math.floor(Date.now() / HOUR) * HOUR - 10 * HOUR;
      await ok(s.api('POST', '/api/drift/monitors', { body: { name: 'hourly-bias', config: { route: 'hiring-biased', features: ['bias'], reference: { kind: 'window' }, scheduleSeconds: 3600, bias: { datasetVersionId: versionId, maxPairs: 6 } } } }));
      const { store, monitoring } = s.handle.services;
      const replicaA = new DriftScheduler({ store, drift: monitoring.drift, owner: 'replica-a', leaseMs: MINUTE });
      const replicaB = new DriftScheduler({ store, drift: monitoring.drift, owner: 'replica-b', leaseMs: MINUTE });
      const t1 = base + 5 * MINUTE;
      const [a, b] = await Promise.all([replicaA.tick(t1), replicaB.tick(t1)]);
      const runs = [...a, ...b];
      expect(runs.map((r) => r.monitor)).toEqual(['hourly-bias']);
      expect(runs[0].results).toMatchObject([{ feature: 'bias', nCurrent: 6, drifted: true }]);
      expect([...(await replicaA.tick(t1 + 10 * MINUTE)), ...(await replicaB.tick(t1 + 10 * MINUTE))]).toEqual([]);
      const points = await store.db.selectFrom('metric_points').select(['value', 'at']).where('metric', '=', 'drift.hourly-bias.bias.drifted').execute();
      expect(points.map((p) => [Number(p.at), Number(p.value)])).toEqual([[t1, 1]]);
    });
  });
}
