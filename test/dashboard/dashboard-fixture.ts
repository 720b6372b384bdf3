// A Steward server with stand-in providers and a little of everything the dashboard shows: a
// weighted route with traffic (one failing request too), a model with versions and aliases, a
// dataset with two versions, a training job that reports a loss curve. Browser tests start here.
import type { TestEngine } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from '../gateway/gateway-fixture.js';

/** A trainer that prints `TOTAL` steps of a falling loss, one each `TICK_MS`. */
const TRAINER_SCRIPT = `
const total = Number(process.env.TOTAL ?? 20), tick = Number(process.env.TICK_MS ?? 20);
let step = 0;
const next = () => {
  step += 1;
  console.log(JSON.stringify({ step, totalSteps: total, loss: 2.5 * Math.exp(-step / 8) + 0.3 + 0.05 * Math.sin(step) }));
  if (step < total) setTimeout(next, tick);
};
console.log('training on ' + total + ' steps');
next();
`;

export interface DashboardFixture extends GatewayFixture {
  /** Ids of the traces made while seeding, newest last. */
  traceIds: string[];
  /** Null when this server has no training API. */
  trainingJobId: string | null;
  /** Two evaluation runs on support-qa v1 (baseline, candidate); empty when there is no evals API. */
  evalRunIds: string[];
}

async function expectOk(response: { status: number; text: string }, what: string): Promise<void> {
  if (response.status >= 300) throw new Error(`seeding ${what} failed: ${response.status} ${response.text}`);
}

/** Starts the server and seeds it; `trainer` sets how long the seeded training job runs. */
export async function startDashboardFixture(engine: TestEngine, options: { trainerSteps?: number; trainerTickMs?: number } = {}): Promise<DashboardFixture> {
  const fixture = await startGatewayFixture(engine);
  const { steward, client } = fixture;
  const api = steward.api;

  await expectOk(await api('POST', '/api/routes', { body: { config: { name: 'support-chat', policy: 'weighted', targets: [{ model: 'mock/gpt-4o-mini', weight: 90 }, { model: 'backup/gpt-4o-mini', weight: 10 }] }, reason: 'first route' } }), 'route');
  await expectOk(await api('PUT', '/api/routes/support-chat', { body: { config: { policy: 'weighted', targets: [{ model: 'mock/gpt-4o-mini', weight: 50 }, { model: 'backup/gpt-4o-mini', weight: 50 }] }, reason: 'A-B at 50/50' } }), 'route revision');

  const traceIds: string[] = [];
  for (let index = 0; index < 6; index++) {
    const { response } = await client.chat.completions.create({ model: 'support-chat', messages: [{ role: 'user', content: `Where is my order #${index}?` }] }).withResponse();
    const id = response.headers.get('x-steward-trace-id');
    if (id) traceIds.push(id);
  }
  // One failing request, so error rates and error badges have something to show.
  await client.chat.completions.create({ model: 'no-such-route', messages: [{ role: 'user', content: 'hi' }] }).catch(() => undefined);

  await expectOk(await api('POST', '/api/models', { body: { name: 'support', description: 'Customer support assistant', tags: ['chat'] } }), 'model');
  for (const model of ['gpt-4o-mini', 'gpt-4o']) {
    await expectOk(await api('POST', '/api/models/support/versions', { body: { spec: { provider: 'mock', model, params: {} } } }), 'model version');
  }
  await expectOk(await api('POST', '/api/models/support/versions/support-001/stage', { body: { stage: 'staging', reason: 'smoke tests pass' } }), 'stage');

  await expectOk(await api('POST', '/api/datasets', { body: { name: 'support-qa', description: 'Support questions with answers' } }), 'dataset');
  const items = [
    { id: 'q1', input: 'Where is my order?', reference: 'It ships tomorrow.', split: 'train' },
    { id: 'q2', input: 'How do I reset my password?', reference: 'Use the reset link.', split: 'train' },
    { id: 'q3', input: 'Where is my order?', reference: 'It ships tomorrow.', split: 'test' },
    { id: 'q4', input: 'Can I pay by card?', reference: 'Hello! Yes, you can pay by card today.', split: 'test' },
  ];
  await expectOk(await api('POST', '/api/datasets/support-qa/versions', { body: { items } }), 'dataset version');
  await expectOk(await api('POST', '/api/datasets/support-qa/versions/1/filter', { body: { filter: { splits: ['train'] } } }), 'dataset filter');
  await expectOk(await api('POST', '/api/datasets/support-qa/versions/1/quality', { body: {} }), 'quality report');

  const evalRunIds: string[] = [];
  for (const target of ['mock/gpt-4o-mini', 'backup/gpt-4o-mini']) {
    const run = await api('POST', '/api/evals/runs', { body: { dataset: 'support-qa', datasetVersion: 1, target, metrics: [{ metric: 'token_f1' }, { metric: 'rouge_l' }, { metric: 'exact_match' }] } });
    if (run.status === 404) break;
    await expectOk(run, 'evaluation run');
    evalRunIds.push(String(run.body.id));
  }

  const job = await api('POST', '/api/training/jobs', {
    body: {
      name: 'support-sft',
      backend: 'command',
      method: 'sft',
      baseModel: 'builtin-tiny',
      outputModel: 'support-tuned',
      items: items.map(({ input, reference }) => ({ input, reference })),
      hyperParameters: { learningRate: 0.01, epochs: 1, batchSize: 2, seed: 7 },
      backendConfig: { command: process.execPath, args: ['-e', TRAINER_SCRIPT], env: { TOTAL: String(options.trainerSteps ?? 20), TICK_MS: String(options.trainerTickMs ?? 20) } },
    },
  });
  if (job.status === 404 && (job.body.error as { code?: string } | undefined)?.code === 'ROUTE_NOT_FOUND') return { ...fixture, traceIds, trainingJobId: null, evalRunIds };
  await expectOk(job, 'training job');
  return { ...fixture, traceIds, trainingJobId: String(job.body.id), evalRunIds };
}
