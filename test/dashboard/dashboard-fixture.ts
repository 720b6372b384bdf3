// A Steward server with stand-in providers and a little of everything the dashboard shows: a
// weighted route with traffic (one failing request too), a key and a route with limits and spend, a
// model with versions and aliases, a dataset with two versions, evaluation runs (one with metric
// errors), a training job that reports a loss curve. Browser tests start here.
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
  /** A run whose judge cannot read its own verdicts: every item has a metric error. Null without an evals API. */
  erroredRunId: string | null;
  /** A key with a daily USD budget that spent `budgetCalls` calls of `CALL_USD` each through /v1. */
  budgetKeyId: string;
  /** A route with its own requests/min and monthly budget limits, called once. */
  limitedRoute: string;
}

/** What one call to `backup/priced` costs: the stand-in answers 19 prompt + 10 completion tokens. */
export const CALL_USD = 0.25;
const PER_MTOK = (CALL_USD / 29) * 1_000_000;
export const BUDGET_USD = 2;
export const BUDGET_CALLS = 3;

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

  // Limits: a key with a budget that spent some of it, and a route with limits of its own.
  await expectOk(await api('PUT', '/api/prices', { body: { provider: 'backup', model: 'priced', inputPerMTok: PER_MTOK, outputPerMTok: PER_MTOK } }), 'price');
  const budgetKey = await api('POST', '/api/keys', { body: { name: 'budgeted-app', role: 'service' } });
  await expectOk(budgetKey, 'budget key');
  const budgetKeyId = (budgetKey.body.record as { id: string }).id;
  await expectOk(await api('PUT', `/api/limits/keys/${budgetKeyId}`, { body: { budgetUsd: BUDGET_USD, budgetPeriod: 'day', requestsPerMinute: 600, tokensPerMinute: 100_000 } }), 'key limits');
  const limitedRoute = 'limited-chat';
  await expectOk(await api('POST', '/api/routes', { body: { config: { name: limitedRoute, targets: [{ model: 'backup/priced' }], limits: { requestsPerMinute: 100, budgetUsd: 5, budgetPeriod: 'month' } }, reason: 'limited route' } }), 'limited route');
  for (let index = 0; index < BUDGET_CALLS; index++) {
    const model = index === 0 ? limitedRoute : 'backup/priced';
    await expectOk(await api('POST', '/v1/chat/completions', { key: String(budgetKey.body.key), body: { model, messages: [{ role: 'user', content: 'Hello' }], max_tokens: 10 } }), 'budgeted call');
  }

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
  // The stand-in answers a judge's prompt with a greeting, never a score: each verdict is a metric error.
  let erroredRunId: string | null = null;
  if (evalRunIds.length > 0) {
    const metrics = [{ metric: 'bleu' }, { metric: 'token_f1' }, { metric: 'llm_judge', name: 'judge', config: { model: 'mock/gpt-4o-mini' } }];
    const run = await api('POST', '/api/evals/runs', { body: { name: 'judged', dataset: 'support-qa', datasetVersion: 1, target: 'mock/gpt-4o-mini', metrics } });
    await expectOk(run, 'judged evaluation run');
    erroredRunId = String(run.body.id);
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
  if (job.status === 404 && (job.body.error as { code?: string } | undefined)?.code === 'ROUTE_NOT_FOUND') return { ...fixture, traceIds, trainingJobId: null, evalRunIds, erroredRunId, budgetKeyId, limitedRoute };
  await expectOk(job, 'training job');
  return { ...fixture, traceIds, trainingJobId: String(job.body.id), evalRunIds, erroredRunId, budgetKeyId, limitedRoute };
}
