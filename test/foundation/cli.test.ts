// The `steward` command against a running server, and `steward start` stopping gracefully.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { CLI_PATH, runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

describe('steward CLI', () => {
  let s: TestSteward;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    s = await startTestSteward(ENGINES[0]);
    env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
  });
  afterAll(async () => {
    await s?.close();
  });

  it('creates, lists, rotates and revokes keys; --json for scripts', async () => {
    const created = await runCli(['keys', 'create', '--name', 'ci-bot', '--role', 'service', '--json'], env);
    expect(created.code).toBe(0);
    const { key, record } = JSON.parse(created.stdout) as { key: string; record: { id: string; role: string } };
    expect(record.role).toBe('service');
    const listed = await runCli(['keys', 'list', '--json'], env);
    const keys = JSON.parse(listed.stdout) as { id: string; prefix: string }[];
    expect(keys.find((k) => k.id === record.id)?.prefix).toBe(key.slice(0, 12));
    expect(listed.stdout).not.toContain(key);
    const table = await runCli(['keys', 'list'], env);
    expect(table.stdout).toMatch(/ci-bot\s+sk-stw-/);
    const rotated = await runCli(['keys', 'rotate', record.id], env);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout.trim()).toMatch(/^sk-stw-/);
    const revoked = await runCli(['keys', 'revoke', record.id], env);
    expect(revoked.code).toBe(0);
  }, 60_000);

  it('verifies the audit log, and fails with the first broken row after tampering', async () => {
    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: \d+ rows verified/);
    const db = s.handle.services.store.db;
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`update audit_log set actor_name = 'mallory' where seq = 2`.execute(db);
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim()).toBe('steward: audit log broken at row 2: row 2 was changed (its HMAC differs)');
  }, 60_000);

  it('fails with one clear line when the server is unreachable or the key is wrong', async () => {
    const down = await runCli(['keys', 'list'], { STEWARD_URL: 'http://127.0.0.1:1', STEWARD_API_KEY: 'x' });
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/cannot reach Steward/);
    const wrong = await runCli(['keys', 'list'], { STEWARD_URL: s.url, STEWARD_API_KEY: 'sk-stw-wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^steward: UNAUTHENTICATED: /);
  }, 60_000);

  it('config check validates without starting and names a bad field', async () => {
    const good = await runCli(['config', 'check', '--json'], { STEWARD_PORT: '7999' });
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).config.server.port).toBe(7999);
    const bad = await runCli(['config', 'check'], { STEWARD_PORT: '-3' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/server\.port \(STEWARD_PORT\)/);
  }, 60_000);
});

describe('steward start', () => {
  it('prints the admin key once, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-start-'));
    try {
      const child = spawn(process.execPath, [CLI_PATH, 'start'], {
        env: { PATH: process.env.PATH, STEWARD_DATA_DIR: dataDir, STEWARD_PORT: '0', STEWARD_LOG_LEVEL: 'warn' },
      });
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line: ${stdout}`)), 90_000);
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const match = /listening on (http:\/\/\S+)/.exec(stdout);
          if (match && /sk-stw-\S+/.test(stdout)) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const key = /sk-stw-\S+/.exec(stdout)![0];
      const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(me.status).toBe(200);
      expect((await me.json()).role).toBe('owner');
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
