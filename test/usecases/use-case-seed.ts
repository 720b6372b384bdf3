// A use case with KPIs met, missed and without data, seeded through the API (the use case and its
// golden dataset), the roll-ups of real trace rows (its route's live traffic) at the server's clock,
// and one finished evaluation run on the dataset (its offline values).
import { newId } from '../../src/store/index.js';
import { insertTraces } from '../monitoring/trace-fixtures.js';
import type { TestSteward } from '../harness/test-steward.js';

/** The server's clock in the tests that seed it: the status window ends here. */
export const SEED_NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

export const SEEDED_USE_CASE = {
  name: 'support-answers',
  objective: 'Answer customer questions correctly and fast',
  owners: ['ana@example.com', 'support-team'],
  kpis: [
    // 40 requests from 500 to 1085 ms: p95 above 1000 ms misses ≤ 800.
    { name: 'latency', metric: 'latency_p95_ms', op: '<=', threshold: 800 },
    // $0.001 a request meets ≤ $0.002.
    { name: 'cost', metric: 'cost_per_request_usd', op: '<=', threshold: 0.002 },
    // The evaluation run scores 0.85: meets ≥ 0.8 (offline only).
    { name: 'accuracy', metric: 'exact_match', op: '>=', threshold: 0.8, dataset: 'golden' },
    // No feedback on the route: no data.
    { name: 'satisfaction', metric: 'feedback_score', op: '>=', threshold: 4 },
  ],
  routes: ['support'],
  models: ['helpdesk'],
  datasets: ['golden'],
  gates: [],
};

export async function seedUseCase(s: TestSteward): Promise<void> {
  const created = await s.api('POST', '/api/use-cases', { body: SEEDED_USE_CASE });
  if (created.status !== 201) throw new Error(`creating the use case: ${created.status} ${created.text}`);
  const { store, defaultProject, monitoring } = s.handle.services;
  await insertTraces(store, defaultProject.id, Array.from({ length: 40 }, (_, i) => ({ at: SEED_NOW - 600_000 + i * 1000, latencyMs: 500 + i * 15, route: 'support', costUsd: 0.001 })));
  await monitoring.metrics.runRollups(SEED_NOW);
  // Offline: exact match 0.85, p95 650 ms, $0.001 a item on the golden dataset an hour ago.
  const dataset = await s.api('POST', '/api/datasets', { body: { name: 'golden' } });
  const version = await s.api('POST', '/api/datasets/golden/versions', { body: { items: [{ id: 'q1', input: 'What is 2 + 3?', reference: '5' }] } });
  if (dataset.status !== 201 || version.status !== 201) throw new Error(`creating the dataset: ${dataset.text} ${version.text}`);
  const datasetRow = await store.db.selectFrom('datasets').select('id').where('project_id', '=', defaultProject.id).where('name', '=', 'golden').executeTakeFirstOrThrow();
  const summary = { items: 20, callErrors: 0, erroredItems: 0, metrics: { exact_match: { name: 'exact_match', n: 20, mean: 0.85 } }, latencyMs: { mean: 300, p50: 280, p95: 650 }, tokens: { prompt: 0, completion: 0 }, costUsd: 0.02 };
  await store.db
    .insertInto('eval_runs')
    .values({
      id: newId('run'), project_id: defaultProject.id, name: 'nightly', dataset_id: datasetRow.id, dataset_version_id: ((version.body.version ?? version.body) as { id: string }).id, target: 'helpdesk@production', model_name: 'helpdesk', model_version: 'helpdesk-001', prompt_json: null,
      metrics_json: JSON.stringify([{ name: 'exact_match', metric: 'exact_match', config: {} }]), params_json: '{}', status: 'completed', total_items: 20, completed_items: 20, failed_items: 0, summary_json: JSON.stringify(summary),
      error: null, rescored_from: null, lease_owner: null, lease_until: null, created_at: SEED_NOW - 3_600_000, started_at: SEED_NOW - 3_600_000, finished_at: SEED_NOW - 3_500_000, created_by: null,
    })
    .execute();
}
