// `steward demo loop`: the whole loop offline on the builtin model, in one process on a fresh data
// directory — simulated users correct answers of the `support` route, a pipeline curates the
// corrections into a dataset version, fine-tunes steward-mini with LoRA, evaluates the candidate
// against production, and rolls it out as a canary that is promoted or rolled back.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config/index.js';
import { systemActor } from '../../governance/index.js';
import { generateTaskExamples } from '../../model/index.js';
import { type StewardHandle, startSteward } from '../../server/index.js';
import { newId } from '../../store/index.js';
import type { PipelineRunRecord } from '../pipeline-service.js';

export interface DemoLoopOptions {
  dataDir: string;
  /** Feedback items and training steps: small for tests, larger for a better candidate. */
  size?: { feedback: number; evalItems: number; trainSteps: number };
  say?: (line: string) => void;
  /** The builtin base model to start from. */
  baseModel?: string;
}

export interface DemoLoopResult {
  run: PipelineRunRecord;
  url: string;
}

const ROUTE = 'support';

/** Runs the loop and stops the server it started. */
export async function runDemoLoop(options: DemoLoopOptions): Promise<DemoLoopResult> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const size = options.size ?? { feedback: 40, evalItems: 20, trainSteps: 30 };
  const base = options.baseModel ?? 'steward-mini';
  const config = loadConfig({
    env: {},
    overrides: { 'server.port': 0, 'server.logLevel': 'silent', dataDir: options.dataDir, 'security.adminKey': `sk-stw-demo-${randomBytes(12).toString('hex')}`, 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 },
  });
  const handle: StewardHandle = await startSteward(config, { logger: false });
  try {
    const s = handle.services;
    const actor = systemActor(s.defaultProject.id);
    say(`steward started at ${handle.url} (data in ${options.dataDir})`);

    await s.gatewayServices.routes.put(actor, { name: ROUTE, targets: [{ model: `builtin/${base}` }] }, 'demo: production answers with the base model');
    say(`route ${ROUTE} → builtin/${base}`);

    await s.pipelines.create(actor, {
      name: 'demo-loop',
      definition: {
        triggers: { feedbackCount: size.feedback },
        curate: { dataset: 'demo-feedback', route: ROUTE },
        train: { backend: 'builtin', method: 'sft', baseModel: base, outputModel: 'demo-assistant', hyperParameters: { learningRate: 0.003, batchSize: 4, epochs: 1, maxSteps: size.trainSteps, adapterRank: 4, seed: 1 }, backendConfig: { inWorker: false } },
        evaluate: { dataset: 'demo-eval', production: ROUTE, metric: 'contains', tolerance: 0.05 },
        rollout: { route: ROUTE, steps: [50, 100], minStepSeconds: 1, minRequests: 5, timeoutSeconds: 120 },
      },
    });
    say('pipeline demo-loop: curate → train → evaluate → canary, triggered by new feedback');
    // Simulated traffic on the route: the model's answer was wrong and the user corrected it.
    const examples = generateTaskExamples(size.feedback + size.evalItems, 7);
    const feedbackExamples = examples.slice(0, size.feedback);
    for (const ex of feedbackExamples) {
      const prompt = ex.messages.filter((m) => m.role !== 'assistant');
      const answer = ex.messages.find((m) => m.role === 'assistant')?.content ?? '';
      const traceId = newId('trace');
      await s.store.db
        .insertInto('traces')
        .values({ id: traceId, project_id: s.defaultProject.id, created_at: Date.now(), endpoint: 'chat', requested_model: ROUTE, route: ROUTE, route_revision: 1, provider: 'builtin', model: base, version_id: null, prompt_version_id: null, status: 'ok', http_status: 200, error_code: null, error_message: null, stream: 0, cache_hit: 0, key_id: null, user_pseudonym: null, batch_id: null, tokens_in: 20, tokens_out: 5, cost_usd: 0, ttft_ms: null, latency_ms: 50, overhead_ms: null, attempts_json: '[]', request_json: JSON.stringify({ model: ROUTE, messages: prompt }), response_json: JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'I am not sure.' } }] }) })
        .execute();
      await s.store.db.insertInto('feedback').values({ id: newId('fb'), trace_id: traceId, created_at: Date.now(), thumb: 'down', rating: null, comment: null, correction: answer, source: 'demo', annotator: null, actor_id: null }).execute();
    }
    say(`${feedbackExamples.length} answers on ${ROUTE} got a thumbs-down with a correction`);

    await s.datasets.create(actor, { name: 'demo-eval', description: 'held-out tasks for the demo gate' });
    const evalItems = examples.slice(size.feedback).map((ex) => ({ input: ex.messages.filter((m) => m.role !== 'assistant'), reference: ex.messages.find((m) => m.role === 'assistant')?.content ?? '' }));
    await s.datasets.importItems(actor, 'demo-eval', { items: evalItems, message: 'demo evaluation set' });
    say(`evaluation dataset demo-eval: ${evalItems.length} held-out items`);

    s.pipelines.onProgress = (_runId, message) => say(`  · ${message}`);
    const [runId] = await s.pipelines.tick();
    if (!runId) throw new Error('the feedback trigger did not start the pipeline');
    say(`pipeline demo-loop started by the feedback trigger (run ${runId})`);
    // Live traffic on the route while the canary runs, and the rollout controller ticking often,
    // so the canary is judged on real requests in seconds instead of minutes.
    let running = true;
    const prompts = examples.slice(size.feedback).map((ex) => ex.messages.filter((m) => m.role !== 'assistant'));
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        const rollouts = await s.deployments.rollouts.list(actor.projectId, { route: ROUTE, status: 'running' });
        if (rollouts.length) {
          await Promise.allSettled(Array.from({ length: 4 }, (_, j) => s.gateway.chat(actor, { model: ROUTE, messages: prompts[(i * 4 + j) % prompts.length], max_tokens: 8 } as Parameters<typeof s.gateway.chat>[1])));
          await s.deployments.rolloutController.tick();
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    await s.pipelines.drain();
    running = false;
    await traffic;
    const run = await s.pipelines.getRun(s.defaultProject.id, runId);
    for (const step of run.steps) say(`${step.name.padEnd(9)} ${step.status.padEnd(9)} ${step.detail}${step.artifacts.length ? ` [${step.artifacts.map((a) => `${a.kind} ${a.label ?? a.id}`).join(', ')}]` : ''}`);
    say(`run ${run.status}${run.error ? `: ${run.error}` : ''}`);
    return { run, url: handle.url };
  } finally {
    await handle.close();
  }
}
