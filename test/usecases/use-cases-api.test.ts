// Use cases over HTTP on every engine: declare one with its KPIs and links, read each KPI's live
// value (from the metric roll-ups of its routes) and offline value (the latest finished evaluation
// run on its dataset) against its threshold, derive its gate, declare it with `steward apply`;
// another project cannot see it, bad input is a 4xx with a catalogue code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/store/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';
import { insertTraces } from '../monitoring/trace-fixtures.js';

const SUPPORT = {
  name: 'support-answers',
  objective: 'Answer customer questions correctly and fast',
  owners: ['ana@example.com', 'support-team'],
  kpis: [
    { name: 'accuracy', metric: 'exact_match', op: '>=', threshold: 0.8, dataset: 'golden' },
    { name: 'latency', metric: 'latency_p95_ms', op: '<=', threshold: 800 },
    { name: 'satisfaction', metric: 'feedback_score', op: '>=', threshold: 4 },
    { name: 'cost', metric: 'cost_per_request_usd', op: '<=', threshold: 0.002 },
  ],
  routes: ['support'],
  models: ['helpdesk'],
  datasets: ['golden'],
  gates: [],
};

// The server's clock: the status window ends at it, whatever the wall clock says.
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

for (const engine of ENGINES) {
  describe(`use cases on ${engine.name}`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 }, now: () => NOW });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('declares a use case, reads and replaces it, and refuses a second of the same name', async () => {
      const created = await s.api('POST', '/api/use-cases', { body: SUPPORT });
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ name: 'support-answers', owners: ['ana@example.com', 'support-team'], routes: ['support'] });
      expect((await s.api('GET', '/api/use-cases')).body.data).toEqual([expect.objectContaining({ name: 'support-answers' })]);
      const again = await s.api('POST', '/api/use-cases', { body: SUPPORT });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'USE_CASE_EXISTS' });
      const replaced = await s.api('PUT', '/api/use-cases/support-answers', { body: { ...SUPPORT, owners: ['ana@example.com'] } });
      expect(replaced.status, replaced.text).toBe(200);
      expect((await s.api('GET', '/api/use-cases/support-answers')).body).toMatchObject({ owners: ['ana@example.com'] });
    });

    it("gives each KPI's live and offline value against its threshold", async () => {
      const projectId = s.handle.services.defaultProject.id;
      const db = s.handle.services.store.db;
      const now = NOW;
      // Live: 40 requests on the route in the last hour, p95 near 1000 ms (misses ≤ 800), cost $0.001 each (meets).
      await insertTraces(s.handle.services.store, projectId, Array.from({ length: 40 }, (_, i) => ({ at: now - 600_000 + i * 1000, latencyMs: 500 + i * 15, route: 'support', costUsd: 0.001 })));
      // Traffic on another route does not count.
      await insertTraces(s.handle.services.store, projectId, Array.from({ length: 10 }, (_, i) => ({ at: now - 600_000 + i * 1000, latencyMs: 50, route: 'other', costUsd: 1 })));
      await s.handle.services.monitoring.metrics.runRollups(now);
      // Offline: a finished evaluation run on the golden dataset with exact match 0.85 (meets ≥ 0.8).
      expect((await s.api('POST', '/api/datasets', { body: { name: 'golden' } })).status).toBe(201);
      const version = await s.api('POST', '/api/datasets/golden/versions', { body: { items: [{ id: 'q1', input: 'What is 2 + 3?', reference: '5' }] } });
      expect(version.status, version.text).toBe(201);
      const dataset = await db.selectFrom('datasets').select('id').where('project_id', '=', projectId).where('name', '=', 'golden').executeTakeFirstOrThrow();
      const summary = { items: 20, callErrors: 0, erroredItems: 0, metrics: { exact_match: { name: 'exact_match', n: 20, mean: 0.85 } }, latencyMs: { mean: 300, p50: 280, p95: 650 }, tokens: { prompt: 0, completion: 0 }, costUsd: 0.02 };
      await db
        .insertInto('eval_runs')
        .values({
          id: newId('run'), project_id: projectId, name: 'nightly', dataset_id: dataset.id, dataset_version_id: ((version.body.version ?? version.body) as { id: string }).id, target: 'helpdesk@production', model_name: 'helpdesk', model_version: 'helpdesk-001', prompt_json: null,
          metrics_json: JSON.stringify([{ name: 'exact_match', metric: 'exact_match', config: {} }]), params_json: '{}', status: 'completed', total_items: 20, completed_items: 20, failed_items: 0, summary_json: JSON.stringify(summary),
          error: null, rescored_from: null, lease_owner: null, lease_until: null, created_at: now - 3_600_000, started_at: now - 3_600_000, finished_at: now - 3_500_000, created_by: null,
        })
        .execute();

      const status = await s.api('GET', '/api/use-cases/support-answers/status');
      expect(status.status, status.text).toBe(200);
      const kpis = status.body.kpis as { name: string; status: string; live: { value: number; met: boolean; requests: number } | null; offline: { value: number; met: boolean; dataset: string } | null }[];
      const kpi = (name: string) => kpis.find((k) => k.name === name);
      expect(kpi('accuracy')).toMatchObject({ status: 'met', live: null, offline: { value: 0.85, met: true, dataset: 'golden' } });
      expect(kpi('latency')?.live).toMatchObject({ met: false, requests: 40 });
      expect(kpi('latency')?.live?.value).toBeGreaterThan(800);
      expect(kpi('latency')?.offline).toMatchObject({ value: 650, met: true });
      expect(kpi('latency')?.status).toBe('missed');
      expect(kpi('cost')?.live?.value).toBeCloseTo(0.001, 6);
      expect(kpi('cost')).toMatchObject({ status: 'met', offline: { value: 0.001, met: true } });
      // No feedback yet: nothing to say.
      expect(kpi('satisfaction')).toMatchObject({ status: 'no_data', live: null, offline: null });
      expect(status.body.status).toBe('missed');

      const derived = await s.api('GET', '/api/use-cases/support-answers/derived');
      expect(derived.body).toEqual({
        gates: [{ name: 'support-answers-kpis', dataset: 'golden', rules: ['exact_match >= 0.8', 'latency_p95 <= 800'], description: 'derived from the KPIs of use case support-answers' }],
        guards: { evalGates: [{ model: 'helpdesk', gate: 'support-answers-kpis' }] },
      });
    });

    it('is declared by steward apply and written by export', async () => {
      const doc = { useCases: [{ name: 'triage', objective: 'Route tickets to the right team', kpis: [{ name: 'accuracy', metric: 'accuracy', op: '>=', threshold: 0.9, dataset: 'tickets' }] }] };
      const dry = await s.api('POST', '/api/apply', { body: { document: doc, dryRun: true } });
      expect(dry.status, dry.text).toBe(200);
      expect(dry.body.plan).toEqual([{ kind: 'use_case', name: 'triage', action: 'create' }]);
      expect((await s.api('POST', '/api/apply', { body: { document: doc } })).body).toMatchObject({ applied: true });
      expect((await s.api('GET', '/api/use-cases/triage')).body).toMatchObject({ objective: 'Route tickets to the right team', owners: [], routes: [] });
      const twice = await s.api('POST', '/api/apply', { body: { document: doc } });
      expect(twice.body.plan).toEqual([{ kind: 'use_case', name: 'triage', action: 'unchanged' }]);
      const changed = await s.api('POST', '/api/apply', { body: { document: { useCases: [{ ...doc.useCases[0], owners: ['ops'] }] } } });
      expect(changed.body.plan).toEqual([{ kind: 'use_case', name: 'triage', action: 'update' }]);
      const exported = await s.api('GET', '/api/export');
      expect((exported.body.useCases as { name: string }[]).map((u) => u.name)).toEqual(['support-answers', 'triage']);
      const bad = await s.api('POST', '/api/apply', { body: { document: { useCases: [{ name: 'x', objective: 'y', kpis: [{ name: 'k', metric: 'bleu', op: '>=', threshold: 1 }] }] } } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'DECLARATIVE_INVALID' });
    });

    it('refuses bad input with catalogue codes and hides use cases from other projects', async () => {
      const post = (body: unknown, key?: string) => s.api('POST', '/api/use-cases', { body, key });
      const badOp = await post({ ...SUPPORT, name: 'bad-op', kpis: [{ name: 'k', metric: 'error_rate', op: '>', threshold: 0.1 }] });
      expect(badOp.status).toBe(400);
      expect(badOp.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const noDataset = await post({ name: 'no-dataset', objective: 'x', kpis: [{ name: 'k', metric: 'exact_match', op: '>=', threshold: 0.8 }] });
      expect(noDataset.status).toBe(400);
      expect(noDataset.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const twiceKpi = await post({ name: 'twice', objective: 'x', kpis: [{ name: 'k', metric: 'error_rate', op: '<=', threshold: 0.1 }, { name: 'k', metric: 'error_rate', op: '<=', threshold: 0.2 }] });
      expect(twiceKpi.status).toBe(400);
      const renamed = await s.api('PUT', '/api/use-cases/support-answers', { body: { ...SUPPORT, name: 'other-name' } });
      expect(renamed.status).toBe(400);
      expect(renamed.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((await s.api('GET', '/api/use-cases/missing/status')).body.error).toMatchObject({ code: 'USE_CASE_NOT_FOUND' });
      const viewerKey = String((await s.api('POST', '/api/keys', { body: { name: 'reader', role: 'viewer' } })).body.key);
      const denied = await post({ name: 'by-viewer', objective: 'x' }, viewerKey);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN' });

      const other = await s.api('POST', '/api/projects', { body: { name: 'elsewhere-use-cases' } });
      expect(other.status).toBe(201);
      const otherKey = String((await s.api('POST', '/api/keys', { body: { name: 'elsewhere-admin', role: 'admin', project: String(other.body.id) } })).body.key);
      for (const path of ['/api/use-cases/support-answers', '/api/use-cases/support-answers/status', '/api/use-cases/support-answers/derived']) {
        const leak = await s.api('GET', path, { key: otherKey });
        expect(leak.status).toBe(404);
        expect(leak.body.error).toMatchObject({ code: 'USE_CASE_NOT_FOUND' });
      }
      expect((await s.api('GET', '/api/use-cases', { key: otherKey })).body.data).toEqual([]);
      expect((await s.api('DELETE', '/api/use-cases/support-answers', { key: otherKey })).status).toBe(404);
      // The other project may use the same name for its own.
      expect((await post({ ...SUPPORT, owners: ['someone-else'] }, otherKey)).status).toBe(201);
      expect((await s.api('DELETE', '/api/use-cases/support-answers')).status).toBe(204);
      expect((await s.api('GET', '/api/use-cases/support-answers')).status).toBe(404);
      expect((await s.api('GET', '/api/use-cases/support-answers', { key: otherKey })).body).toMatchObject({ owners: ['someone-else'] });
    });
  });
}
