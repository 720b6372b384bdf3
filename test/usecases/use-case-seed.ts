// A use case with one KPI met, one missed and one without data, seeded through the API (the use
// case) and the roll-ups of real trace rows (its route's live traffic) at the server's clock.
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
    // No evaluation run on the golden dataset yet.
    { name: 'accuracy', metric: 'exact_match', op: '>=', threshold: 0.8, dataset: 'golden' },
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
}
