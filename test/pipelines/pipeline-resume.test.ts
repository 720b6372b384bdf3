// A pipeline run cut by a restart is never left `running`: a Steward is killed (SIGKILL) while its
// run trains, another starts on the same store, and its next trigger check marks the run
// `interrupted` (the step it was in too) and retries it once as a new run, which completes. The
// new Steward's clock is ahead by more than the heartbeat lease, so nothing waits on real time.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINES, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { type StewardChild, startStewardChild } from '../harness/steward-child.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const TRAINER = fileURLToPath(new URL('../training/fixtures/tiny-trainer.mjs', import.meta.url));
const ADMIN_KEY = `sk-stw-resume-${'0'.repeat(32)}`;

interface Run {
  id: string;
  status: string;
  trigger: string;
  triggerDetail: string | null;
  error: string | null;
  steps: { name: string; status: string }[];
}

/** A trainer that holds while `hold` exists (ending when the Steward that started it is gone), then trains as tiny-trainer does. */
function holdingTrainer(dir: string, hold: string): string {
  const path = join(dir, 'holding-trainer.mjs');
  writeFileSync(
    path,
    `import { existsSync } from 'node:fs';
const parent = process.ppid;
while (existsSync(${JSON.stringify(hold)})) {
  if (process.ppid !== parent) process.exit(1);
  await new Promise((r) => setTimeout(r, 100));
}
await import(${JSON.stringify(TRAINER)});
`,
  );
  return path;
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  // The bound (90 s) only turns a run that never gets there into a failure.
  for (let i = 0; i < 900; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const engine of ENGINES) {
  describe(`a pipeline run interrupted by a restart (${engine.name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-resume-'));
    const dataDir = join(dir, 'data');
    const hold = join(dir, 'hold');
    const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
    let first: StewardChild | undefined;
    let second: TestSteward | undefined;
    afterAll(async () => {
      rmSync(hold, { force: true });
      await first?.kill();
      await second?.close();
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dir, { recursive: true, force: true });
    });

    it('is marked interrupted by the next Steward and retried once, never left running', async () => {
      writeFileSync(hold, 'x');
      const overrides = { dataDir, 'security.adminKey': ADMIN_KEY, 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0, ...(engine.databaseUrl ? { 'store.databaseUrl': engine.databaseUrl } : {}) };
      first = await startStewardChild({ overrides, schema });
      const api = async (url: string, method: string, path: string, body?: unknown) => {
        const response = await fetch(url + path, { method, headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      // Two answers a user corrected: what the run curates.
      for (const word of ['stone', 'river']) {
        const chat = await fetch(`${first.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'builtin/steward-mini', messages: [{ role: 'user', content: `Reverse the word ${word}` }], max_tokens: 4 }) });
        expect(chat.status).toBe(200);
        const traceId = chat.headers.get('x-steward-trace-id');
        expect((await api(first.url, 'POST', '/api/feedback', { traceId, thumb: 'down', correction: [...word].reverse().join('') })).status).toBe(201);
      }
      const trainer = holdingTrainer(dir, hold);
      const definition = {
        curate: { dataset: 'resume-curated' },
        train: { backend: 'command', baseModel: 'base', outputModel: 'resume-bot', hyperParameters: { epochs: 1 }, backendConfig: { command: process.execPath, args: [trainer] } },
      };
      expect((await api(first.url, 'POST', '/api/pipelines', { name: 'resume', definition })).status).toBe(201);
      const started = await api(first.url, 'POST', '/api/pipelines/resume/runs');
      expect(started.status).toBe(202);
      const runId = started.body.id as string;
      const url = first.url;
      await poll(() => api(url, 'GET', `/api/pipeline-runs/${runId}`).then((r) => r.body as unknown as Run), (run) => run.steps[1]?.status === 'running', 'the train step');

      await first.kill();
      first = undefined;
      rmSync(hold, { force: true });
      // The next Steward on the same store; its clock says the dead one's heartbeat is 10 minutes old.
      second = await startTestSteward(engine, { dataDir, schema, overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 }, now: () => Date.now() + 10 * 60_000 });
      const s = second;
      const before = (await s.api('GET', `/api/pipeline-runs/${runId}`)).body as unknown as Run;
      expect(before.status).toBe('running');

      const retried = await s.handle.services.pipelines.tick();
      expect(retried).toHaveLength(1);
      const interrupted = (await s.api('GET', `/api/pipeline-runs/${runId}`)).body as unknown as Run;
      expect(interrupted.status).toBe('interrupted');
      expect(interrupted.error).toMatch(/^interrupted: replica \S+ stopped \(last heartbeat /);
      expect(interrupted.steps.map((st) => [st.name, st.status])).toEqual([
        ['curate', 'succeeded'],
        ['train', 'interrupted'],
        ['evaluate', 'skipped'],
        ['rollout', 'skipped'],
      ]);
      const retry = await poll(() => s.api('GET', `/api/pipeline-runs/${retried[0]}`).then((r) => r.body as unknown as Run), (run) => run.status !== 'running', 'the retry');
      expect(retry).toMatchObject({ status: 'succeeded', trigger: 'manual', triggerDetail: `retry of ${runId} (interrupted)`, error: null });
      expect(retry.steps.map((st) => st.status)).toEqual(['succeeded', 'succeeded', 'skipped', 'skipped']);
      // Nothing else is left running, and a second check retries nothing more.
      expect(await s.handle.services.pipelines.tick()).toEqual([]);
      const runs = (await s.api('GET', '/api/pipelines/resume/runs')).body.data as Run[];
      expect(runs.map((r) => r.status).sort()).toEqual(['interrupted', 'succeeded']);
      expect(existsSync(hold)).toBe(false);
    });
  });
}
