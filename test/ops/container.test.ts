// The container image, built from the unchanged Dockerfile with podman (runc, vfs, host network) on
// a local stand-in for node:20-bookworm-slim (test/ops/container/make-base-image.sh), then run
// against the running PostgreSQL and Redis: /readyz, a chat to the builtin model through the
// official OpenAI client, its trace in the store, the healthcheck, a non-root user.
// Slow (minutes on a cold cache): runs only with STEWARD_TEST_CONTAINER=1, as .ci/run's own step
// after `npm test`. Each phase's time goes to stderr ("[container] …"), so a slow run says where.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../harness/engines.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PODMAN = fileURLToPath(new URL('./container/podman.sh', import.meta.url));
const MAKE_BASE = fileURLToPath(new URL('./container/make-base-image.sh', import.meta.url));
const BUILD_IMAGE = fileURLToPath(new URL('./container/build-image.sh', import.meta.url));
const DATABASE_URL = process.env.STEWARD_TEST_DATABASE_URL;
const IMAGE = 'localhost/steward:test';

function podman(args: string[], timeoutMs = 60_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(PODMAN, args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Runs a phase's script under timeout(1), which kills its whole process group (podman included)
 * past the guard. Its output goes to `<cache>/logs/<label>.log` (readable while it runs) and its
 * time to stderr; a failure shows the log's tail.
 */
function phase(label: string, script: string, timeoutMs: number): void {
  const logs = join(process.env.STEWARD_CONTAINER_CACHE ?? '/var/cache/steward-ci', 'logs');
  mkdirSync(logs, { recursive: true });
  const logFile = join(logs, `${label.replace(/\W+/g, '-')}.log`);
  const fd = openSync(logFile, 'w');
  const started = Date.now();
  const guard = ['--kill-after=30', `${Math.round(timeoutMs / 1000)}`, 'bash', script];
  const r = spawnSync('timeout', guard, { cwd: ROOT, stdio: ['ignore', fd, fd], timeout: timeoutMs + 60_000 });
  closeSync(fd);
  process.stderr.write(`[container] ${label}: ${((Date.now() - started) / 1000).toFixed(0)} s (exit ${r.status ?? r.signal}; log ${logFile})\n`);
  expect(r.status, readFileSync(logFile, 'utf8').slice(-6000)).toBe(0);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Cheap, so it runs with the suite: the Dockerfile's own layer for the native addon is used only
// when it builds the version the lock file installs (otherwise every build compiles it again).
describe('Dockerfile', () => {
  it('builds the better-sqlite3 version package-lock.json installs in its native layer', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(/^ARG BETTER_SQLITE3_VERSION=(\S+)$/m.exec(dockerfile)?.[1]).toBe(lock.packages['node_modules/better-sqlite3']?.version);
  });
});

describe.runIf(process.env.STEWARD_TEST_CONTAINER === '1' && DATABASE_URL && TEST_REDIS_URL)('container image (podman)', () => {
  const id = randomBytes(4).toString('hex');
  const name = `steward-ct-${id}`;
  const database = `steward_ct_${id}`;
  const adminKey = `sk-stw-ct-${randomBytes(16).toString('hex')}`;
  let url: string;
  let databaseUrl: string;
  beforeAll(async () => {
    // A container a killed earlier run left behind would hold its name's prefix and its memory.
    for (const stale of podman(['ps', '-a', '--format', '{{.Names}}']).stdout.split('\n')) {
      if (stale.startsWith('steward-ct-')) podman(['rm', '-f', '-t', '0', stale]);
    }
    phase('base image', MAKE_BASE, 20 * 60_000);
    phase('image build', BUILD_IMAGE, 60 * 60_000);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const target = new URL(DATABASE_URL!);
    target.pathname = `/${database}`;
    databaseUrl = target.toString();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const run = podman([
      'run', '-d', '--rm', '--name', name, '--network', 'host',
      '-e', `DATABASE_URL=${databaseUrl}`, '-e', `REDIS_URL=${TEST_REDIS_URL}`, '-e', `STEWARD_REDIS_PREFIX=stw-ct-${id}:`,
      '-e', `STEWARD_PORT=${port}`, '-e', `STEWARD_ADMIN_KEY=${adminKey}`, '-e', `STEWARD_MASTER_KEY=${randomBytes(32).toString('base64')}`,
      IMAGE,
    ]);
    expect(run.status, run.stderr).toBe(0);
    // The bound (120 s) only turns a container that never becomes ready into a failure.
    const started = Date.now();
    for (let i = 0; i < 600; i++) {
      const ready = await fetch(`${url}/readyz`).catch(() => undefined);
      if (ready?.ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    process.stderr.write(`[container] start to /readyz: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }, 85 * 60_000);
  afterAll(async () => {
    const logs = podman(['logs', name]);
    if (logs.stdout || logs.stderr) process.stderr.write(`container log (last lines):\n${(logs.stdout + logs.stderr).split('\n').slice(-20).join('\n')}\n`);
    podman(['rm', '-f', '-t', '0', name]);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    // The container's Redis keys (queue, counters, cache) go with it.
    const redis = new Redis(TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`stw-ct-${id}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });

  it('is ready on PostgreSQL, answers a chat to the builtin model and stores its trace', async () => {
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'postgres' });
    const client = new OpenAI({ apiKey: adminKey, baseURL: `${url}/v1`, maxRetries: 0 });
    const { data, response } = await client.chat.completions.create({ model: 'builtin/steward-mini', messages: [{ role: 'user', content: 'What is 2 + 3?' }], max_tokens: 8 }).withResponse();
    // The tiny builtin model may well answer nothing useful; what matters is a well-formed answer from it.
    expect(data).toMatchObject({ object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant' } }] });
    expect(typeof data.choices[0].message.content).toBe('string');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    const traceId = response.headers.get('x-steward-trace-id');
    expect(traceId).toBeTruthy();
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      let rows: { status: string; model: string }[] = [];
      // Traces reach the store from the journal shortly after the answer; the bound (30 s) only turns a lost trace into a failure.
      for (let i = 0; i < 150 && rows.length === 0; i++) {
        rows = (await db.query('select status, model from traces where id = $1', [traceId])).rows;
        if (rows.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(rows).toEqual([{ status: 'ok', model: 'steward-mini' }]);
    } finally {
      await db.end();
    }
  });

  it('passes its HEALTHCHECK, runs as an unprivileged user, exposes 7400 and a /data volume', () => {
    expect(podman(['healthcheck', 'run', name]).status).toBe(0);
    expect(podman(['exec', name, 'id', '-u']).stdout.trim()).toBe('1000');
    const [inspect] = JSON.parse(podman(['image', 'inspect', IMAGE]).stdout) as { Config: { ExposedPorts: Record<string, unknown>; Volumes: Record<string, unknown>; Env: string[] } }[];
    expect(Object.keys(inspect.Config.ExposedPorts)).toContain('7400/tcp');
    expect(Object.keys(inspect.Config.Volumes)).toContain('/data');
    expect(inspect.Config.Env).toContain('STEWARD_DATA_DIR=/data');
  });
});
