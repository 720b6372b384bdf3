// Three replicas on one PostgreSQL schema and Redis. A model trained on A is served by B and C; then
// replica B — a child process — is killed with SIGKILL under load while a canary rollout advances
// and a training job runs on it. A and C carry on: the job's lease runs out and it resumes on one
// of them (attempt 2), the rollout completes, and every trace a client got a 200 for is in the
// store once B restarts on its data dir (it was in B's journal). Time is driven where the code takes
// a clock (lease expiry, rollout steps), so nothing waits for 30-second leases.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINES, TEST_REDIS_URL, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { TINY_JOB, finishedJob } from './training-job-fixture.js';

const postgres = ENGINES.find((e) => e.name === 'postgres');
const CHILD = fileURLToPath(new URL('./replica-child.ts', import.meta.url));
const KEY = `sk-stw-chaos-${randomBytes(16).toString('hex')}`;

interface Replica {
  url: string;
  child: ChildProcess;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
}

async function call(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(url + path, { method, headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: response.headers };
}

describe.runIf(postgres && TEST_REDIS_URL)('three replicas, one killed under load', () => {
  const schema = uniqueSchemaName();
  const redisPrefix = `stw-test-${randomBytes(4).toString('hex')}`;
  const bDir = mkdtempSync(join(tmpdir(), 'steward-replica-b-'));
  const children: ChildProcess[] = [];
  let a: TestSteward | undefined;
  let c: TestSteward | undefined;

  async function startB(): Promise<Replica> {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: postgres!.databaseUrl, REDIS_URL: TEST_REDIS_URL, STEWARD_DATA_DIR: bDir, STEWARD_ADMIN_KEY: KEY, STEWARD_CHILD_SCHEMA: schema, STEWARD_CHILD_REDIS_PREFIX: redisPrefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`replica B exited with ${code}: ${err}`)));
    });
    return { url, child, api: (method, path, body) => call(url, method, path, body) };
  }

  const replicaOptions = () => ({ schema, redisUrl: TEST_REDIS_URL, redisPrefix, overrides: { 'security.adminKey': KEY } });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await c?.close();
    await a?.close();
    await dropPostgresSchema(postgres!.databaseUrl!, schema);
    rmSync(bDir, { recursive: true, force: true });
  });

  it('A and C carry on: leases move, the job resumes, the rollout completes, no acknowledged trace is lost', async () => {
    // B alone first, so the longer job is B's (one training worker per replica).
    let b = await startB();
    const long = await b.api('POST', '/api/training/jobs', { ...TINY_JOB, outputModel: 'chaos-long', hyperParameters: { ...TINY_JOB.hyperParameters, epochs: 40, maxSteps: 160 }, backendConfig: {} });
    expect(long.status).toBe(201);
    const longId = long.body.id as string;
    for (let i = 0; i < 600; i++) {
      const job = (await b.api('GET', `/api/training/jobs/${longId}`)).body;
      if (job.state === 'running' && Number(job.step) >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    // A joins and trains the short job (B's worker is busy); B and C then serve its version.
    a = await startTestSteward(postgres!, replicaOptions());
    const short = await a.api('POST', '/api/training/jobs', { key: KEY, body: { ...TINY_JOB, outputModel: 'chaos-adder' } });
    expect(await finishedJob({ api: (m: string, p: string) => a!.api(m, p, { key: KEY }) }, short.body.id as string)).toMatchObject({ state: 'succeeded' });
    const version = ((await a.api('GET', '/api/models/chaos-adder/versions', { key: KEY })).body.data as { name: string }[])[0].name;
    c = await startTestSteward(postgres!, replicaOptions());
    for (const url of [b.url, c.url]) {
      const served = await call(url, 'POST', '/v1/chat/completions', { model: version, messages: [{ role: 'user', content: 'add 1 and 1' }], max_tokens: 4, temperature: 0 });
      expect(served.status).toBe(200);
    }

    // A canary of the new version on a route, with guards wide enough that only the kill could stop it.
    expect((await a.api('PUT', '/api/routes/chaos', { key: KEY, body: { config: { name: 'chaos', targets: [{ model: 'builtin/steward-mini' }] } } })).status).toBeLessThan(300);
    const rollout = await a.api('POST', '/api/rollouts', { key: KEY, body: { route: 'chaos', target: version, steps: [10, 50, 100], minStepSeconds: 0, minRequests: 1, guards: { maxErrorRateIncrease: 1, maxP95LatencyRatio: 1000, maxFeedbackDrop: 5 } } });
    expect(rollout.status, JSON.stringify(rollout.body)).toBe(201);
    const rolloutId = rollout.body.id as string;

    const acknowledged: string[] = [];
    const load = async (urls: string[], perReplica: number) => {
      await Promise.all(
        urls.flatMap((url) =>
          Array.from({ length: perReplica }, async (_, i) => {
            try {
              const r = await call(url, 'POST', '/v1/chat/completions', { model: 'chaos', messages: [{ role: 'user', content: `ping ${i}` }], max_tokens: 2, user: `u${i}` });
              if (r.status === 200) acknowledged.push(r.headers.get('x-steward-trace-id')!);
            } catch {
              // a request to the killed replica: never acknowledged
            }
          }),
        ),
      );
    };
    const store = a.handle.services.store.db;
    const countStored = async (ids: string[]) => (ids.length === 0 ? 0 : (await store.selectFrom('traces').select('id').where('id', 'in', ids).execute()).length);
    // Waits until these traces are in the store (written behind the response); the bound (30 s) only turns a lost trace into a failure.
    const stored = async (ids: string[]) => {
      for (let i = 0; i < 300 && (await countStored(ids)) < ids.length; i++) await new Promise((r) => setTimeout(r, 100));
    };
    // One rollout pass over what the store holds now; minStepSeconds 0, so a step needs only canary traffic.
    const tick = () => c!.handle.services.deployments.rolloutController.tick(Date.now());
    const rolloutStatus = async () => (await a!.api('GET', `/api/rollouts/${rolloutId}`, { key: KEY })).body as { status: string; stepIndex: number };

    for (let i = 0; i < 5 && (await rolloutStatus()).stepIndex === 0; i++) {
      const from = acknowledged.length;
      await load([a.url, b.url, c.url], 6);
      await stored(acknowledged.slice(from));
      await tick();
    }
    // Every replica's own controller also ticks (every 10 s), so the rollout may be further along.
    const early = await rolloutStatus();
    expect(early.status, JSON.stringify(early)).not.toBe('rolled_back');
    expect(early.stepIndex).toBeGreaterThanOrEqual(1);
    const running = (await c.api('GET', `/api/training/jobs/${longId}`, { key: KEY })).body;
    expect(running.state).toBe('running');
    process.stderr.write(`three-replicas: long job at step ${running.step}/${running.totalSteps ?? '?'} when B is killed\n`);
    // Under load, mid-job, mid-rollout.
    const inFlight = load([a.url, b.url, c.url], 3);
    b.child.kill('SIGKILL');
    await inFlight;
    await load([a.url, c.url], 3);

    // The job's lease runs out (time moved past it): it goes back on the queue and A or C finishes it.
    const recovered = await c.handle.services.training.recover(Date.now() + 31_000);
    expect(recovered.requeued).toEqual([longId]);
    const finished = await finishedJob({ api: (m: string, p: string) => c!.api(m, p, { key: KEY }) }, longId);
    expect(finished).toMatchObject({ state: 'succeeded', attempt: 2 });

    // The rollout goes on from A and C: canary traffic, then a step, until it completes.
    const afterKill = acknowledged.length;
    let status = '';
    for (let i = 0; i < 12 && status !== 'completed'; i++) {
      const from = acknowledged.length;
      await load([a.url, c.url], 10);
      await stored(acknowledged.slice(from));
      await tick();
      status = (await rolloutStatus()).status;
    }
    expect(status).toBe('completed');
    expect(acknowledged.length).toBeGreaterThan(afterKill);

    // B comes back on its data dir: what it acknowledged before the kill was in its journal.
    b = await startB();
    await stored(acknowledged);
    expect(await countStored(acknowledged)).toBe(acknowledged.length);
    b.child.kill('SIGTERM');
  }, 90_000);
});
