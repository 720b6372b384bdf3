// Training jobs over the real server: validation, the external-command backend (success, a trainer
// that dies, cancel, retry), the OpenAI-compatible backend against a local stand-in, and restarts.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
// Versions registered from an OpenAI fine-tune name the `openai` provider, which must exist (references are checked).
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';
import { type FineTuningStandIn, startFineTuningStandIn } from '../stand-ins/openai-fine-tuning-stand-in.js';

const TRAINER = fileURLToPath(new URL('./fixtures/tiny-trainer.mjs', import.meta.url));
const ITEMS = [
  { input: 'What is 2+2?', reference: '4' },
  { input: [{ role: 'user', content: 'Capital of France?' }], reference: 'Paris' },
  { input: 'Say hi', reference: 'hi' },
];

interface Job {
  id: string;
  backend: string;
  state: string;
  attempt: number;
  progress: number;
  step: number;
  totalSteps: number;
  error: string | null;
  lastLoss: number | null;
  modelVersionId: string | null;
  output: { artifactPath: string | null; remoteModel: string | null; remoteJobId: string | null; metrics: Record<string, number>; spec: Record<string, unknown> } | null;
}

function commandJob(env: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  return {
    backend: 'command',
    method: 'sft',
    baseModel: 'builtin-tiny',
    outputModel: 'support-bot',
    items: ITEMS,
    hyperParameters: { learningRate: 0.01, epochs: 2, batchSize: 2, seed: 7 },
    backendConfig: { command: process.execPath, args: [TRAINER], env },
    ...extra,
  };
}

// The bound only turns a job that never gets there into a failure; a busy machine needs room.
async function waitState(s: TestSteward, id: string, states: string[], timeoutMs = 60_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await s.api('GET', `/api/training/jobs/${id}`);
    const job = res.body as unknown as Job;
    if (states.includes(job.state)) return job;
    if (Date.now() > deadline) {
      const logs = await s.api('GET', `/api/training/jobs/${id}/logs?kind=log`);
      throw new Error(`job ${id} (${job.backend}) stayed ${job.state}: ${(logs.body.data as { message: string }[]).map((l) => l.message).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const engine of ENGINES) {
  describe(`training jobs (${engine.name})`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
    });
    afterAll(async () => {
      await s.close();
    });

    it('refuses bad hyper-parameters, unknown backends and wrong items with clear errors', async () => {
      // The server is shared with the other tests (in any order): refused requests add no job to what is there.
      const jobIds = async () => ((await s.api('GET', '/api/training/jobs?limit=500')).body.data as { id: string }[]).map((j) => j.id);
      const before = await jobIds();
      const bad = await s.api('POST', '/api/training/jobs', { body: commandJob({}, { hyperParameters: { learningRate: 5, batchSize: 0, epochs: 1.5 } }) });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'HYPERPARAMETER_INVALID' });
      const message = (bad.body.error as { message: string }).message;
      expect(message).toMatch(/learningRate must be at most 1/);
      expect(message).toMatch(/batchSize must be at least 1/);
      expect(message).toMatch(/epochs must be an integer/);
      const unknown = await s.api('POST', '/api/training/jobs', { body: commandJob({}, { hyperParameters: { lr: 0.1 } }) });
      expect((unknown.body.error as { message: string }).message).toMatch(/unknown hyper-parameter\(s\): lr/);
      const backend = await s.api('POST', '/api/training/jobs', { body: { ...commandJob(), backend: 'nope' } });
      expect(backend.status).toBe(404);
      expect(backend.body.error).toMatchObject({ code: 'TRAINING_BACKEND_NOT_FOUND' });
      const dpo = await s.api('POST', '/api/training/jobs', { body: { ...commandJob(), method: 'dpo' } });
      expect(dpo.status).toBe(400);
      expect(dpo.body.error).toMatchObject({ code: 'TRAINING_DATA_INVALID' });
      const config = await s.api('POST', '/api/training/jobs', { body: { ...commandJob(), backendConfig: { args: [] } } });
      expect(config.status).toBe(400);
      expect((config.body.error as { message: string }).message).toMatch(/backendConfig\.command/);
      expect(await jobIds()).toEqual(before);
    });

    it('runs an external trainer: progress, loss curve, logs, artifact and metrics', async () => {
      const created = await s.api('POST', '/api/training/jobs', { body: commandJob() });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ state: 'queued', attempt: 1, hyperParameters: { learningRate: 0.01, epochs: 2, batchSize: 2, seed: 7, warmupSteps: 0 } });
      const job = await waitState(s, created.body.id as string, ['succeeded', 'failed']);
      expect(job.error).toBeNull();
      expect(job).toMatchObject({ state: 'succeeded', progress: 1, step: 6, totalSteps: 6 });
      expect(job.lastLoss).toBeCloseTo(0.5, 10);
      expect(job.output?.metrics).toEqual({ finalLoss: 0.5, rows: 3 });
      expect(job.output?.spec).toMatchObject({ provider: 'builtin', base: 'builtin-tiny', artifact: { kind: 'weights', path: job.output?.artifactPath } });
      expect(JSON.stringify(job.output)).toMatch(/"sha256":"[0-9a-f]{64}"/);
      const dir = job.output?.artifactPath as string;
      expect(readdirSync(dir).sort()).toEqual(['metrics.json', 'weights.bin']);
      expect(readdirSync(join(dir, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const loss = await s.api('GET', `/api/training/jobs/${job.id}/loss`);
      expect((loss.body.data as { step: number; loss: number }[]).map((p) => [p.step, p.loss])).toEqual([1, 2, 3, 4, 5, 6].map((st) => [st, 3 / st]));
      const logs = await s.api('GET', `/api/training/jobs/${job.id}/logs?kind=log`);
      const lines = (logs.body.data as { message: string }[]).map((l) => l.message);
      expect(lines.some((l) => l.includes('training sft on 3 rows, lr 0.01'))).toBe(true);
      const after = (logs.body.data as { seq: number }[])[1].seq;
      const tail = await s.api('GET', `/api/training/jobs/${job.id}/logs?after=${after}`);
      expect((tail.body.data as { seq: number }[]).every((e) => e.seq > after)).toBe(true);
      const audit = await s.api('GET', `/api/audit?resourceId=${job.id}`);
      expect((audit.body.data as { action: string }[]).map((a) => a.action)).toEqual(expect.arrayContaining(['training.create', 'training.succeed']));
    });

    it('marks a job whose trainer dies as failed, with its logs, and cleans up', async () => {
      const created = await s.api('POST', '/api/training/jobs', { body: commandJob({ TRAINER_MODE: 'die' }) });
      const job = await waitState(s, created.body.id as string, ['succeeded', 'failed']);
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/killed by SIGKILL.*segmentation fault/);
      expect(job.output).toBeNull();
      const logs = await s.api('GET', `/api/training/jobs/${job.id}/logs?kind=log`);
      expect((logs.body.data as { message: string }[]).map((l) => l.message)).toEqual(expect.arrayContaining(['segmentation fault (simulated)']));
      const jobDir = join(s.dataDir, 'training', job.id);
      expect(readdirSync(jobDir).filter((f) => f.endsWith('.tmp') || f === 'artifact')).toEqual([]);
    });

    it('cancels a running job (the trainer is stopped) and retries a failed one', async () => {
      const created = await s.api('POST', '/api/training/jobs', { body: commandJob({ TRAINER_MODE: 'hang' }) });
      const id = created.body.id as string;
      await waitState(s, id, ['running']);
      const cancel = await s.api('POST', `/api/training/jobs/${id}/cancel`);
      expect(cancel.status).toBe(200);
      const cancelled = await waitState(s, id, ['cancelled', 'failed', 'succeeded']);
      expect(cancelled.state).toBe('cancelled');
      expect((await s.api('POST', `/api/training/jobs/${id}/cancel`)).status).toBe(409);

      const marker = join(tmpdir(), `steward-marker-${Date.now()}-${Math.random()}`);
      const flaky = await s.api('POST', '/api/training/jobs', { body: commandJob({ TRAINER_MODE: 'fail-once', TRAINER_MARKER: marker }) });
      const failed = await waitState(s, flaky.body.id as string, ['failed', 'succeeded']);
      expect(failed.state).toBe('failed');
      expect(failed.error).toMatch(/exited with code 3: out of memory/);
      const retried = await s.api('POST', `/api/training/jobs/${failed.id}/retry`);
      expect(retried.body).toMatchObject({ attempt: 2, error: null });
      expect(['queued', 'running']).toContain(retried.body.state);
      const done = await waitState(s, failed.id, ['failed', 'succeeded']);
      expect(done).toMatchObject({ state: 'succeeded', attempt: 2, error: null });
      expect((await s.api('POST', `/api/training/jobs/${failed.id}/retry`)).status).toBe(409);
    });

    it('lets only admins run commands on the server, and viewers only read', async () => {
      const dev = await s.api('POST', '/api/keys', { body: { name: 'dev', role: 'developer' } });
      const viewer = await s.api('POST', '/api/keys', { body: { name: 'viewer', role: 'viewer' } });
      const devKey = dev.body.key as string;
      expect((await s.api('POST', '/api/training/jobs', { key: devKey, body: commandJob() })).status).toBe(403);
      expect((await s.api('POST', '/api/training/jobs', { key: viewer.body.key as string, body: commandJob() })).status).toBe(403);
      expect((await s.api('GET', '/api/training/jobs', { key: viewer.body.key as string })).status).toBe(200);
    });

    describe('OpenAI-compatible fine-tuning', () => {
      let standIn: FineTuningStandIn;
      beforeAll(async () => {
        standIn = await startFineTuningStandIn({ apiKey: 'sk-upstream-test' });
        await s.api('PUT', '/api/secrets/openai-key', { body: { value: 'sk-upstream-test' } });
      });
      afterAll(async () => {
        await standIn.close();
      });

      it('uploads the JSONL, creates the remote job, follows its events and records the model', async () => {
        const created = await s.api('POST', '/api/training/jobs', {
          body: { backend: 'openai', method: 'sft', baseModel: 'gpt-4o-mini-2024-07-18', outputModel: 'support-bot-ft', items: ITEMS, hyperParameters: { epochs: 2, batchSize: 1 }, backendConfig: { baseUrl: standIn.url, apiKeySecret: 'openai-key', pollIntervalMs: 10, suffix: 'support' } },
        });
        expect(created.status).toBe(201);
        const job = await waitState(s, created.body.id as string, ['succeeded', 'failed']);
        expect(job.error).toBeNull();
        expect(job.output).toMatchObject({ artifactPath: null, remoteJobId: expect.stringMatching(/^ftjob-/), metrics: { trainedTokens: 1234 }, spec: { provider: 'openai', model: job.output?.remoteModel } });
        expect(job.output?.remoteModel).toMatch(/^ft:gpt-4o-mini-2024-07-18:steward:support:/);
        const [file] = [...standIn.files.values()];
        const rows = file.content.trim().split('\n').map((l) => JSON.parse(l));
        expect(rows[1]).toEqual({ messages: [{ role: 'user', content: 'Capital of France?' }, { role: 'assistant', content: 'Paris' }] });
        const remote = standIn.jobs.get(job.output?.remoteJobId as string);
        expect(remote?.method).toEqual({ type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 1 } } });
        const loss = await s.api('GET', `/api/training/jobs/${job.id}/loss`);
        expect((loss.body.data as { step: number }[]).map((p) => p.step)).toEqual([1, 2, 3]);
        const logs = await s.api('GET', `/api/training/jobs/${job.id}/logs?kind=log`);
        expect((logs.body.data as { message: string }[]).some((l) => l.message === 'remote: The job has successfully completed')).toBe(true);
      });

      it('fails clearly when the provider refuses the key', async () => {
        await s.api('PUT', '/api/secrets/wrong-key', { body: { value: 'sk-wrong' } });
        const created = await s.api('POST', '/api/training/jobs', {
          body: { backend: 'openai', method: 'sft', baseModel: 'gpt-4o-mini', outputModel: 'x', items: ITEMS, backendConfig: { baseUrl: standIn.url, apiKeySecret: 'wrong-key', pollIntervalMs: 10 } },
        });
        const job = await waitState(s, created.body.id as string, ['succeeded', 'failed']);
        expect(job.state).toBe('failed');
        expect(job.error).toMatch(/POST \/files → 401: Incorrect API key/);
      });
    });
  });

  describe(`training jobs across restarts (${engine.name})`, () => {
    it('resumes a remote job from its checkpoint after a restart, keeps queued jobs, and fails a command job cut by a shutdown', async () => {
      const standIn = await startFineTuningStandIn({ totalSteps: 40 });
      const first = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
      let second: TestSteward | undefined;
      let third_: TestSteward | undefined;
      try {
        const hang = await first.api('POST', '/api/training/jobs', { body: commandJob({ TRAINER_MODE: 'hang' }) });
        await waitState(first, hang.body.id as string, ['running']);
        await first.api('PUT', '/api/secrets/k', { body: { value: 'anything' } });
        // The in-process queue runs one job at a time: the remote job waits until the command job is cancelled below.
        const remote = await first.api('POST', '/api/training/jobs', {
          body: { backend: 'openai', method: 'sft', baseModel: 'gpt-4o-mini', outputModel: 'x', items: ITEMS, backendConfig: { baseUrl: standIn.url, apiKeySecret: 'k', pollIntervalMs: 20 } },
        });
        await first.api('POST', `/api/training/jobs/${hang.body.id}/cancel`);
        await waitState(first, hang.body.id as string, ['cancelled']);
        await waitState(first, remote.body.id as string, ['running']);
        const deadline = Date.now() + 60_000;
        while (standIn.jobs.size === 0 || [...standIn.jobs.values()][0].step < 2) {
          if (Date.now() > deadline) throw new Error('remote job did not start');
          await new Promise((r) => setTimeout(r, 20));
        }
        const third = await first.api('POST', '/api/training/jobs', { body: commandJob({ TRAINER_MODE: 'hang' }) });
        await first.handle.close();
        second = await startTestSteward(engine, { dataDir: first.dataDir, schema: first.schema, overrides: { providers: [UNREACHABLE_OPENAI] } });
        const resumed = await waitState(second, remote.body.id as string, ['succeeded', 'failed'], 60_000);
        expect(resumed, String(resumed.error)).toMatchObject({ state: 'succeeded', attempt: 2 });
        expect(standIn.jobs.size).toBe(1);
        const logs = await second.api('GET', `/api/training/jobs/${resumed.id}/logs?kind=log`);
        expect((logs.body.data as { message: string }[]).some((l) => l.message.startsWith('resuming: following remote job'))).toBe(true);
        // The queued command job runs on the new replica; it is not lost.
        const later = await waitState(second, third.body.id as string, ['running']);
        expect(later.attempt).toBe(1);
        await second.handle.close();
        // A command trainer cannot resume: the shutdown fails it cleanly, with the reason.
        third_ = await startTestSteward(engine, { dataDir: first.dataDir, schema: first.schema, overrides: { providers: [UNREACHABLE_OPENAI] } });
        const cut = (await third_.api('GET', `/api/training/jobs/${third.body.id}`)).body;
        expect(cut).toMatchObject({ state: 'failed', error: expect.stringMatching(/interrupted by a shutdown/) });
        expect(existsSync(join(first.dataDir, 'training', third.body.id as string, 'attempt-1.tmp'))).toBe(false);
      } finally {
        await third_?.close();
        await second?.close();
        await first.close().catch(() => {});
        await standIn.close();
      }
    });

    it('recovers a job a crashed replica left running: failed, no half-written files', async () => {
      const s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
      try {
        const created = await s.api('POST', '/api/training/jobs', { body: commandJob({ TRAINER_MODE: 'hang' }) });
        const id = created.body.id as string;
        const deadline = Date.now() + 60_000;
        while (((await s.api('GET', `/api/training/jobs/${id}`)).body.step as number) < 1) {
          if (Date.now() > deadline) throw new Error('the trainer did not start');
          await new Promise((r) => setTimeout(r, 20));
        }
        const training = s.handle.services.training;
        // A replica that crashed: its lease ran out while the job was still "running".
        const report = await training.recover(Date.now() + 60 * 60_000);
        expect(report.failed).toEqual([id]);
        const job = await waitState(s, id, ['failed']);
        expect(job.error).toMatch(/stopped before it finished/);
        expect(existsSync(join(s.dataDir, 'training', id, 'attempt-1.tmp'))).toBe(false);
      } finally {
        await s.close();
      }
    });
  });
}
