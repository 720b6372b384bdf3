// Migrations driven by discontinuation dates: a route calls a version whose sunset date nears; the
// migration pipeline starts by itself `leadDays` before it, evaluates the declared replacement
// against the route on a golden dataset, and moves the alias the route calls — or, when the
// replacement is worse, stops with the evaluation's verdict as a metric an alert rule watches; a
// fine-tune of a discontinued base is re-trained on the replacement base before anything else.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

const TRAINER = fileURLToPath(new URL('../training/fixtures/tiny-trainer.mjs', import.meta.url));
const DAY = 86_400_000;

interface Run {
  id: string;
  status: string;
  trigger: string;
  triggerDetail: string | null;
  error: string | null;
  steps: { name: string; status: string; detail: string; artifacts: { kind: string; id: string; label?: string }[] }[];
}

for (const engine of ENGINES) {
  describe(`migrations driven by discontinuation dates (${engine.name})`, () => {
    let standIn: StandIn;
    let s: TestSteward;

    beforeAll(async () => {
      // `bad` answers every question wrongly; the others know the capital.
      standIn = await startAnsweringStandIn((model) => (model === 'bad' ? 'Lyon' : 'Paris'));
      s = await startTestSteward(engine, { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
      const golden = Array.from({ length: 4 }, (_, i) => ({ input: `What is the capital of France? (${i})`, reference: 'Paris' }));
      await ok(s.api('POST', '/api/datasets', { body: { name: 'golden' } }));
      await ok(s.api('POST', '/api/datasets/golden/versions', { body: { items: golden } }));
    });
    afterAll(async () => {
      await s?.close();
      await standIn?.close();
    });

    async function ok(p: Promise<{ status: number; text: string; body: Record<string, unknown> }>) {
      const r = await p;
      expect(r.status, r.text).toBeLessThan(300);
      return r.body;
    }

    /** A model with versions calling the stand-in's models, an alias on version 1 and a route on the alias. */
    async function modelOnRoute(model: string, route: string, upstreams: string[]): Promise<void> {
      await ok(s.api('POST', '/api/models', { body: { name: model } }));
      for (const upstream of upstreams) await ok(s.api('POST', `/api/models/${model}/versions`, { body: { spec: { provider: 'mock', model: upstream } } }));
      await ok(s.api('PUT', `/api/models/${model}/aliases/stable`, { body: { version: '1', reason: 'launch' } }));
      await ok(s.api('PUT', `/api/routes/${route}`, { body: { config: { name: route, targets: [{ model: `${model}@stable` }] } } }));
    }

    async function waitRun(id: string): Promise<Run> {
      for (let i = 0; i < 1_200; i++) {
        const run = (await s.api('GET', `/api/pipeline-runs/${id}`)).body as unknown as Run;
        if (run.status !== 'running') return run;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`pipeline run ${id} did not finish`);
    }

    const stableOf = async (model: string) => ((await s.api('GET', `/api/models/${model}`)).body.aliases as Record<string, string>).stable;

    it('starts by itself leadDays before the sunset date, evaluates the replacement and moves the alias', async () => {
      await modelOnRoute('llm', 'support', ['old', 'new']);
      const now = Date.now();
      await ok(s.api('POST', '/api/models/llm/versions/1/deprecate', { body: { reason: 'the provider retires it', sunsetAt: new Date(now + 40 * DAY).toISOString(), replacement: 'llm-002' } }));
      await ok(s.api('POST', '/api/pipelines', { body: { name: 'support-migration', definition: { kind: 'migration', migration: { route: 'support', leadDays: 30, alias: 'llm@stable' }, evaluate: { dataset: 'golden', production: 'support', metric: 'exact_match' } } } }));

      const pipelines = s.handle.services.pipelines;
      expect(await pipelines.tick(now)).toEqual([]);
      const [runId] = await pipelines.tick(now + 11 * DAY);
      expect(runId).toBeDefined();
      const run = await waitRun(runId);
      expect(run.error).toBeNull();
      expect(run).toMatchObject({ status: 'succeeded', trigger: 'discontinuation' });
      expect(run.triggerDetail).toMatch(/^support calls llm-001 \(sunset \d{4}-\d\d-\d\d\): llm-002 replaces it; due since/);
      expect(run.steps.map((st) => [st.name, st.status])).toEqual([
        ['plan', 'succeeded'],
        ['train', 'skipped'],
        ['evaluate', 'succeeded'],
        ['rollout', 'skipped'],
        ['conclude', 'succeeded'],
      ]);
      expect(run.steps[2].detail).toMatch(/exact_match: candidate 1\.000 vs production 1\.000.*gate passed/);
      expect(run.steps[2].artifacts.map((a) => a.kind)).toEqual(['eval_run', 'eval_run']);
      expect(run.steps[4].detail).toBe('migrated support off llm-001 to llm-002; llm@stable → llm-002');
      expect(await stableOf('llm')).toBe('llm-002');

      // The route now calls the replacement, which has no date: nothing more is due.
      const answer = await s.api('POST', '/v1/chat/completions', { body: { model: 'support', messages: [{ role: 'user', content: 'capital?' }] } });
      expect(answer.status, answer.text).toBe(200);
      expect(standIn.requests.at(-1)?.body).toMatchObject({ model: 'new' });
      expect(await pipelines.tick(now + 12 * DAY)).toEqual([]);
    });

    it('stops a migration whose replacement is worse and says so as a metric an alert rule watches', async () => {
      await modelOnRoute('chat', 'help', ['old', 'bad']);
      await ok(s.api('POST', '/api/models/chat/versions/1/deprecate', { body: { reason: 'retired upstream', sunsetAt: new Date(Date.now() + 5 * DAY).toISOString(), replacement: 'chat-002' } }));
      await ok(s.api('POST', '/api/pipelines', { body: { name: 'help-migration', definition: { kind: 'migration', migration: { route: 'help', alias: 'chat@stable' }, evaluate: { dataset: 'golden', production: 'help', metric: 'exact_match' } } } }));
      // The migration's metric is known before its first run, so the rule can be written now.
      const rule = await ok(s.api('POST', '/api/alerts/rules', { body: { name: 'MigrationBlocked', metric: 'migration.help.blocked', condition: { type: 'threshold', op: '>', value: 0 }, windowSeconds: 3600, severity: 'critical' } }));

      const started = await ok(s.api('POST', '/api/pipelines/help-migration/runs'));
      const run = await waitRun(started.id as string);
      expect(run.status).toBe('gated');
      expect(run.steps.map((st) => [st.name, st.status])).toEqual([
        ['plan', 'succeeded'],
        ['train', 'skipped'],
        ['evaluate', 'succeeded'],
        ['rollout', 'skipped'],
        ['conclude', 'succeeded'],
      ]);
      expect(run.steps[2].detail).toMatch(/candidate 0\.000 vs production 1\.000.*gate failed/);
      expect(run.steps[4].detail).toMatch(/^blocked: chat-002 did not pass the gate \(exact_match: candidate 0\.000 vs production 1\.000.*\); help stays on chat-001 until \d{4}-\d\d-\d\d — recorded migration\.help\.blocked = 1 for alerts$/);
      expect(await stableOf('chat')).toBe('chat-001');

      const tick = await s.handle.services.monitoring.alertEvaluator.tick(Date.now());
      const rules = (await s.api('GET', '/api/alerts/rules')).body.data as { id: string; status: string }[];
      expect(rules.find((r) => r.id === rule.id)?.status).toMatch(/^(pending|firing)$/);
      expect(tick).toBeDefined();
    });

    it('re-runs the training job of a fine-tune whose base is discontinued, on the replacement base', async () => {
      await ok(s.api('POST', '/api/models', { body: { name: 'base' } }));
      for (const upstream of ['old', 'new']) await ok(s.api('POST', '/api/models/base/versions', { body: { spec: { provider: 'mock', model: upstream } } }));
      await ok(s.api('POST', '/api/datasets', { body: { name: 'tickets' } }));
      const data = await ok(s.api('POST', '/api/datasets/tickets/versions', { body: { items: [{ input: 'hello', reference: 'hi' }, { input: 'bye', reference: 'ciao' }] } }));
      const datasetVersionId = (data.version as { id: string }).id;
      const job = await ok(s.api('POST', '/api/training/jobs', { body: { backend: 'command', method: 'sft', baseModel: 'base-001', outputModel: 'bot', datasetVersionId, hyperParameters: { learningRate: 0.01, epochs: 1, batchSize: 1, seed: 3 }, backendConfig: { command: process.execPath, args: [TRAINER] } } }));
      const done = await s.handle.services.training.waitFor(s.handle.services.defaultProject.id, job.id as string, 60_000);
      expect(done.state).toBe('succeeded');
      const tuned = await ok(s.api('GET', `/api/models/bot/versions/1`));
      await ok(s.api('PUT', '/api/models/bot/aliases/stable', { body: { version: tuned.name as string, reason: 'launch' } }));
      await ok(s.api('PUT', '/api/routes/bots', { body: { config: { name: 'bots', targets: [{ model: 'bot@stable' }] } } }));
      await ok(s.api('POST', '/api/models/base/versions/1/deprecate', { body: { reason: 'base retired', sunsetAt: new Date(Date.now() + 3 * DAY).toISOString(), replacement: 'base-002' } }));
      await ok(s.api('POST', '/api/pipelines', { body: { name: 'bots-migration', definition: { kind: 'migration', migration: { route: 'bots', alias: 'bot@stable' } } } }));

      const started = await ok(s.api('POST', '/api/pipelines/bots-migration/runs'));
      const run = await waitRun(started.id as string);
      expect(run.error).toBeNull();
      expect(run.status).toBe('succeeded');
      expect(run.steps[0].detail).toMatch(new RegExp(`^bots calls bot-001, a fine-tune of base-001 \\(sunset \\d{4}-\\d\\d-\\d\\d\\): its training job ${job.id} is re-run on base-002$`));
      const retrained = run.steps[1];
      expect(retrained).toMatchObject({ name: 'train', status: 'succeeded' });
      expect(retrained.detail).toMatch(new RegExp(`^bot-002 from job \\S+ \\(job ${job.id} re-run on base-002\\)$`));
      const newJob = (await s.api('GET', `/api/training/jobs/${retrained.artifacts[0].id}`)).body;
      expect(newJob).toMatchObject({ state: 'succeeded', baseModel: 'base-002', outputModel: 'bot', datasetVersionId, method: 'sft', hyperParameters: { learningRate: 0.01, epochs: 1, batchSize: 1, seed: 3 } });
      expect(run.steps[2]).toMatchObject({ name: 'evaluate', status: 'skipped' });
      expect(run.steps[4].detail).toBe('migrated bots off base-001 to bot-002; bot@stable → bot-002');
      expect(await stableOf('bot')).toBe('bot-002');
    });

    it('refuses a migration pipeline that would change nothing or misses its parts', async () => {
      const post = (definition: unknown) => s.api('POST', '/api/pipelines', { body: { name: `bad-${Math.random().toString(36).slice(2)}`, definition } });
      const nothing = await post({ kind: 'migration', migration: { route: 'support' } });
      expect(nothing.status).toBe(400);
      expect((nothing.body.error as { message: string }).message).toMatch(/migration\.alias: a migration needs a rollout or an alias to move/);
      const noSection = await post({ kind: 'migration' });
      expect((noSection.body.error as { message: string }).message).toMatch(/migration: migration is required for a migration pipeline/);
      const badAlias = await post({ kind: 'migration', migration: { route: 'support', alias: 'stable' } });
      expect((badAlias.body.error as { message: string }).message).toMatch(/migration\.alias: model@alias/);
      const retraining = await post({ migration: { route: 'support', alias: 'llm@stable' } });
      expect((retraining.body.error as { message: string }).message).toMatch(/curate: curate is required for a retraining pipeline/);

      const unplanned = await ok(s.api('POST', '/api/pipelines', { body: { name: 'nothing-due', definition: { kind: 'migration', migration: { route: 'nowhere', alias: 'llm@stable' } } } }));
      expect(unplanned.name).toBe('nothing-due');
      const run = await waitRun((await ok(s.api('POST', '/api/pipelines/nothing-due/runs'))).id as string);
      expect(run).toMatchObject({ status: 'failed', error: 'plan: nothing to migrate: there is no route nowhere' });
    });
  });
}
