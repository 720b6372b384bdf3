// Small things people trip on: `/ui` without its slash, CLI output piped into a reader that leaves
// early (`steward traces list | head -1`), and STEWARD_REDIS_PREFIX on every Redis key and channel.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuild } from '../dashboard/ensure-dashboard-build.js';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { CLI_PATH } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const sqlite = ENGINES[0];

/** Runs the CLI with its stdout closed from the start: every write meets a reader that has gone. */
function runWithClosedStdout(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('small things', () => {
  let s: TestSteward;
  beforeAll(async () => {
    ensureDashboardBuild();
    s = await startTestSteward(sqlite);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('/ui redirects to /ui/', async () => {
    const response = await fetch(`${s.url}/ui`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/ui/');
    expect((await fetch(`${s.url}/ui`)).status).toBe(200);
  });

  it('a CLI whose reader went away ends quietly, exit code 0', async () => {
    for (let i = 0; i < 30; i++) await s.api('POST', '/v1/chat/completions', { body: { model: 'builtin/steward-mini', messages: [{ role: 'user', content: `hello ${i}` }], max_tokens: 2 } });
    const env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
    for (const args of [['--help'], ['traces', 'list', '--limit', '30']]) {
      const result = await runWithClosedStdout(args, env);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(0);
    }
  });
});

describe.runIf(TEST_REDIS_URL)('STEWARD_REDIS_PREFIX', () => {
  it('prefixes every Redis key, queue and channel of a replica', async () => {
    const prefix = `stw-prefix-${randomBytes(4).toString('hex')}`;
    const s = await startTestSteward(sqlite, { redisUrl: TEST_REDIS_URL, env: { STEWARD_REDIS_PREFIX: `${prefix}:` } });
    const redis = new Redis(TEST_REDIS_URL!);
    try {
      const chat = await s.api('POST', '/v1/chat/completions', { body: { model: 'builtin/steward-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2, temperature: 0 } });
      expect(chat.status).toBe(200);
      // A route with shared limits and a response cache: both live in Redis on a replica set.
      const route = await s.api('PUT', '/api/routes/prefixed', { body: { config: { name: 'prefixed', targets: [{ model: 'builtin/steward-mini' }], cache: { enabled: true }, limits: { requestsPerMinute: 1000 } } } });
      expect(route.status, route.text).toBe(200);
      for (let i = 0; i < 2; i++) expect((await s.api('POST', '/v1/chat/completions', { body: { model: 'prefixed', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2, temperature: 0 } })).status).toBe(200);
      const job = await s.api('POST', '/api/training/jobs', { body: { backend: 'builtin', method: 'sft', baseModel: 'steward-mini', outputModel: `p-${prefix}`, items: [{ input: 'a', reference: 'b' }], hyperParameters: { maxSteps: 1, batchSize: 1 }, backendConfig: { inWorker: false } } });
      expect(job.status).toBe(201);
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.some((k) => k.startsWith(`${prefix}:bull:training:`))).toBe(true);
      // Besides the queue: the route's limit counters and its cached answer.
      expect(keys.filter((k) => !k.startsWith(`${prefix}:bull:`)).length, keys.join('\n')).toBeGreaterThanOrEqual(2);
      expect(await redis.pubsub('CHANNELS', `${prefix}:*`)).toContain(`${prefix}:changes`);
      // Nothing of this replica outside its prefix: no key anywhere names its model.
      const elsewhere = (await redis.keys(`*${prefix}*`)).filter((k) => !k.startsWith(`${prefix}:`));
      expect(elsewhere).toEqual([]);
    } finally {
      redis.disconnect();
      await s.close();
    }
  });
});
