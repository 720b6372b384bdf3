// A Steward server with stand-in providers and a little of everything the dashboard shows: a
// weighted route with traffic (one failing request too), a key and a route with limits and spend, a
// model with versions and aliases, a dataset with two versions, evaluation runs (one with metric
// errors), a training job that reports a loss curve. Browser tests start here.
import { fileURLToPath } from 'node:url';
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

/** A trainer that writes an artifact, so a pipeline's train step registers a model version. */
const ARTIFACT_TRAINER = fileURLToPath(new URL('../training/fixtures/tiny-trainer.mjs', import.meta.url));

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
  /** What the newer pages show: a drift monitor with two runs, an A-B experiment with traffic, a running canary, a pipeline run and a route bound to a prompt. */
  extras: DashboardExtras | null;
}

export interface DashboardExtras {
  driftMonitor: string;
  experimentId: string;
  experimentName: string;
  rolloutId: string;
  pipeline: string;
  pipelineRunId: string;
  /** A route whose bound prompt takes the variable `product`. */
  promptedRoute: string;
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

  const extras = evalRunIds.length > 0 ? await seedExtras(api, client, traceIds, evalRunIds) : null;

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
  if (job.status === 404 && (job.body.error as { code?: string } | undefined)?.code === 'ROUTE_NOT_FOUND') return { ...fixture, traceIds, trainingJobId: null, evalRunIds, erroredRunId, budgetKeyId, limitedRoute, extras };
  await expectOk(job, 'training job');
  return { ...fixture, traceIds, trainingJobId: String(job.body.id), evalRunIds, erroredRunId, budgetKeyId, limitedRoute, extras };
}

type Api = GatewayFixture['steward']['api'];

/** Waits until the background writer has moved a trace from the journal into the store (hang guard 60 s). */
async function waitForTrace(api: Api, traceId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await api('GET', `/api/traces/${traceId}`)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`trace ${traceId} never reached the store`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function seedExtras(api: Api, client: GatewayFixture['client'], traceIds: string[], evalRunIds: string[]): Promise<DashboardExtras> {
  // Registry: a gate on the model, and the first run linked to support-001, so gate results and lineage have something to show.
  await expectOk(await api('PUT', '/api/evals/gates/answer-quality', { body: { rules: ['token_f1 >= 0.1'], dataset: 'support-qa' } }), 'gate');
  await expectOk(await api('PATCH', '/api/models/support', { body: { gates: ['answer-quality'] } }), 'model gates');
  await expectOk(await api('POST', '/api/models/support/versions/support-001/eval-runs', { body: { evalRunId: evalRunIds[0] } }), 'eval link');

  // Drift: support-chat's live traffic (once stored) against a reference dataset, run twice for a history.
  await expectOk(await api('POST', '/api/datasets', { body: { name: 'support-reference', description: 'What support traffic looked like at launch' } }), 'reference dataset');
  const reference = Array.from({ length: 8 }, (_, index) => ({ input: `Where is my order number ${index}, please? It is late.`, reference: `It ships on day ${index}.` }));
  const dataset = await api('POST', '/api/datasets/support-reference/versions', { body: { items: reference } });
  await expectOk(dataset, 'reference dataset version');
  for (const traceId of traceIds) await waitForTrace(api, traceId);
  const monitor = await api('POST', '/api/drift/monitors', {
    body: { name: 'support-inputs', config: { route: 'support-chat', features: ['input_length', 'output_length'], currentWindowSeconds: 3600, reference: { kind: 'dataset', datasetVersionId: String((dataset.body.version as { id: string }).id) } } },
  });
  await expectOk(monitor, 'drift monitor');
  for (let run = 0; run < 2; run++) await expectOk(await api('POST', `/api/drift/monitors/${monitor.body.id}/run`), 'drift run');

  // An A-B experiment on its own route, with traffic from several users.
  await expectOk(await api('POST', '/api/routes', { body: { config: { name: 'exp-chat', targets: [{ model: 'mock/gpt-4o-mini' }] }, reason: 'experiment route' } }), 'experiment route');
  const experiment = await api('POST', '/api/experiments', { body: { route: 'exp-chat', name: 'mini-vs-backup', arms: [{ name: 'control', model: 'mock/gpt-4o-mini', weight: 50 }, { name: 'backup', model: 'backup/gpt-4o-mini', weight: 50 }] } });
  await expectOk(experiment, 'experiment');
  for (let index = 0; index < 16; index++) {
    await client.chat.completions.create({ model: 'exp-chat', user: `user-${index}`, messages: [{ role: 'user', content: `Question number ${index}` }] });
  }

  // A canary that waits an hour per step: it stays running for the pause / resume / abort buttons.
  await expectOk(await api('POST', '/api/routes', { body: { config: { name: 'canary-chat', targets: [{ model: 'mock/gpt-4o-mini' }] }, reason: 'canary route' } }), 'canary route');
  const rollout = await api('POST', '/api/rollouts', { body: { route: 'canary-chat', target: 'backup/gpt-4o-mini', steps: [10, 50, 100], minStepSeconds: 3600, minRequests: 1000 } });
  await expectOk(rollout, 'rollout');

  // A retraining pipeline: corrections on support-chat's answers are curated and trained on.
  for (const traceId of traceIds.slice(0, 2)) {
    await expectOk(await api('POST', '/api/feedback', { body: { traceId, thumb: 'down', correction: 'Your order ships tomorrow.', source: 'dashboard-seed' } }), 'feedback');
  }
  const pipeline = 'support-retrain';
  await expectOk(
    await api('POST', '/api/pipelines', {
      body: {
        name: pipeline,
        definition: {
          curate: { dataset: 'support-curated', route: 'support-chat' },
          train: { backend: 'command', baseModel: 'builtin-tiny', outputModel: 'support-tuned', hyperParameters: { epochs: 1 }, backendConfig: { command: process.execPath, args: [ARTIFACT_TRAINER] } },
        },
      },
    }),
    'pipeline',
  );
  const run = await api('POST', `/api/pipelines/${pipeline}/runs`);
  await expectOk(run, 'pipeline run');

  // A route bound to a prompt with a variable, for the playground.
  await expectOk(
    await api('POST', '/api/prompts', { body: { name: 'support-system', template: { messages: [{ role: 'system', content: 'You support {{product}} customers.' }] }, variables: [{ name: 'product' }], labels: ['production'] } }),
    'prompt',
  );
  await expectOk(await api('POST', '/api/routes', { body: { config: { name: 'prompted-chat', targets: [{ model: 'mock/gpt-4o-mini' }], prompt: { name: 'support-system', label: 'production' } }, reason: 'bound prompt' } }), 'prompted route');

  return {
    driftMonitor: 'support-inputs',
    experimentId: String(experiment.body.id),
    experimentName: 'mini-vs-backup',
    rolloutId: String(rollout.body.id),
    pipeline,
    pipelineRunId: String(run.body.id),
    promptedRoute: 'prompted-chat',
  };
}
