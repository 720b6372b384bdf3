// The lineage a GraphQL client walks, made through the REST API as a user would: chats leave traces,
// the traces are curated into a dataset version, a training job fine-tunes on it and registers a
// version, an evaluation run scores the version's data with a gate, and a route gets revisions and
// a rollout of the version.
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { TestSteward } from '../harness/test-steward.js';

const TRAINER = fileURLToPath(new URL('../training/fixtures/tiny-trainer.mjs', import.meta.url));

export interface Seeded {
  traceIds: string[];
  datasetVersionId: string;
  filteredVersionId: string;
  jobId: string;
  modelVersionId: string;
  evalRunId: string;
  rolloutId: string;
}

// Bounded polls: the bound only turns a stuck job or run into a failure (≥ 60 s on a busy machine).
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 80_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not finish: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function seedLineage(s: TestSteward): Promise<Seeded> {
  const traceIds: string[] = [];
  for (const question of ['What is the capital of France?', 'Name the capital of France.', 'France: capital?']) {
    const chat = await s.api('POST', '/v1/chat/completions', { body: { model: 'mock/good', messages: [{ role: 'user', content: question }] } });
    expect(chat.status, chat.text).toBe(200);
    traceIds.push(chat.headers.get('x-steward-trace-id') as string);
  }
  // Reading each trace moves it from the writer's buffer into the store, where curation looks.
  for (const id of traceIds) expect((await s.api('GET', `/api/traces/${id}`)).status).toBe(200);

  expect((await s.api('POST', '/api/datasets', { body: { name: 'support' } })).status).toBe(201);
  const curated = await s.api('POST', '/api/datasets/support/from-traces', { body: { filter: { requestedModel: 'mock/good' } } });
  expect(curated.status, curated.text).toBe(201);
  const datasetVersionId = (curated.body.version as { id: string }).id;
  const filtered = await s.api('POST', '/api/datasets/support/versions/1/filter', { body: { filter: { excludes: 'Name the capital' } } });
  expect(filtered.status, filtered.text).toBe(201);
  const filteredVersionId = (filtered.body.version as { id: string }).id;

  const job = await s.api('POST', '/api/training/jobs', {
    body: {
      backend: 'command',
      method: 'sft',
      baseModel: 'builtin-tiny',
      outputModel: 'support-bot',
      datasetVersionId,
      hyperParameters: { learningRate: 0.01, epochs: 1, batchSize: 2, seed: 7 },
      backendConfig: { command: process.execPath, args: [TRAINER] },
    },
  });
  expect(job.status, job.text).toBe(201);
  const jobId = job.body.id as string;
  const finished = await poll(async () => (await s.api('GET', `/api/training/jobs/${jobId}`)).body, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.state as string), `job ${jobId}`);
  expect(finished.state, JSON.stringify(finished)).toBe('succeeded');
  const modelVersionId = finished.modelVersionId as string;

  const run = await s.api('POST', '/api/evals/runs', { body: { dataset: 'support', datasetVersion: 1, target: 'mock/good', metrics: [{ metric: 'exact_match', name: 'accuracy' }] } });
  expect(run.status, run.text).toBe(201);
  const evalRunId = run.body.id as string;
  await poll(async () => (await s.api('GET', `/api/evals/runs/${evalRunId}`)).body, (r) => !['queued', 'running'].includes(r.status as string), `run ${evalRunId}`);
  expect((await s.api('POST', '/api/models/support-bot/versions/support-bot-001/eval-runs', { body: { evalRunId } })).status).toBeLessThan(300);
  const gate = await s.api('POST', `/api/evals/runs/${evalRunId}/gates`, { body: { rules: ['accuracy >= 0'] } });
  expect(gate.status, gate.text).toBe(200);

  expect((await s.api('POST', '/api/routes', { body: { config: { name: 'support', targets: [{ model: 'mock/good' }] }, reason: 'first' } })).status).toBe(201);
  expect((await s.api('PUT', '/api/routes/support', { body: { config: { name: 'support', policy: 'fallback', targets: [{ model: 'mock/good' }, { model: 'mock/bad' }] }, reason: 'fallback' } })).status).toBe(200);
  const rollout = await s.api('POST', '/api/rollouts', { body: { route: 'support', target: 'support-bot-001', steps: [10, 100], minStepSeconds: 3600, minRequests: 1000 } });
  expect(rollout.status, rollout.text).toBe(201);
  return { traceIds, datasetVersionId, filteredVersionId, jobId, modelVersionId, evalRunId, rolloutId: rollout.body.id as string };
}
