// The CLI says what is wrong in one line and exits non-zero, accepts names where the API does,
// and never lets a sub-command option mean something else (`prompts render --version`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

const oneLine = (text: string) => text.trimEnd().split('\n').length === 1;

describe('CLI correctness', () => {
  let s: TestSteward;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    s = await startTestSteward(ENGINES[0], { overrides: { providers: [UNREACHABLE_OPENAI], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
    dir = mkdtempSync(join(tmpdir(), 'steward-cli-'));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('renders a chosen prompt version with --prompt-version (--version is the CLI’s own)', async () => {
    await s.api('POST', '/api/prompts', { body: { name: 'hello', template: { text: 'one {{who}}' }, variables: [{ name: 'who' }] } });
    await s.api('POST', '/api/prompts/hello/versions', { body: { template: { text: 'two {{who}}' }, variables: [{ name: 'who' }] } });
    const rendered = await runCli(['prompts', 'render', 'hello', '--prompt-version', '1', '--var', 'who=Ada'], env);
    expect(rendered.stdout).toBe('[user] one Ada\n');
    const clash = await runCli(['prompts', 'render', 'hello', '--version', '2', '--var', 'who=Ada'], env);
    expect(clash.stdout).not.toMatch(/^\d+\.\d+\.\d+/);
    expect(clash.code).not.toBe(0);
  });

  it('names a missing local file and its cause in one line', async () => {
    const missing = join(dir, 'data.jsonl');
    for (const args of [['train', 'start', '--base', 'builtin/steward-mini', '--output', 'x', '--data', missing], ['prompts', 'create', 'p', missing], ['datasets', 'import', 'd', missing]]) {
      const r = await runCli(args, env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toBe(`steward: cannot read ${missing}: no such file\n`);
    }
  });

  it('accepts builtin/steward-mini and name@version for training, refusing unknown names before queueing', async () => {
    const data = join(dir, 'items.jsonl');
    writeFileSync(data, `${JSON.stringify({ input: 'add 1 and 1', reference: '2' })}\n`);
    const ok = await runCli(['train', 'start', '--base', 'builtin/steward-mini', '--output', 'adder', '--data', data, '--epochs', '1', '--config', '{"inWorker":false}', '--json'], env);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ state: expect.stringMatching(/queued|running|succeeded/) });
    const badBase = await runCli(['train', 'start', '--base', 'builtin/steward-maxi', '--output', 'adder', '--data', data], env);
    expect(badBase.code).toBe(1);
    expect(badBase.stderr).toMatch(/^steward: MODEL_FILE_MISSING: no builtin model steward-maxi/);
    await s.api('POST', '/api/datasets', { body: { name: 'sums' } });
    await s.api('POST', '/api/datasets/sums/versions', { body: { items: [{ input: 'add 2 and 2', reference: '4' }] } });
    const byName = await runCli(['train', 'start', '--base', 'builtin/steward-mini', '--output', 'adder', '--dataset-version', 'sums@1', '--epochs', '1', '--config', '{"inWorker":false}', '--json'], env);
    expect(byName.stderr).toBe('');
    expect(JSON.parse(byName.stdout).datasetVersionId).toMatch(/^dsv_/);
    const noVersion = await runCli(['train', 'start', '--base', 'builtin/steward-mini', '--output', 'adder', '--dataset-version', 'sums@9'], env);
    expect(noVersion.code).toBe(1);
    expect(oneLine(noVersion.stderr)).toBe(true);
    const jobs = (await s.api('GET', '/api/training/jobs')).body.data as unknown[];
    expect(jobs).toHaveLength(2);
  });

  it('takes a route name for rollout status and exits 1 when it has none', async () => {
    await s.api('PUT', '/api/routes/chat', { body: { config: { name: 'chat', targets: [{ model: 'openai/a' }] } } });
    const none = await runCli(['rollout', 'status', 'chat'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('steward: no rollout of route chat\n');
    expect((await s.api('POST', '/api/rollouts', { body: { route: 'chat', target: 'openai/b', steps: [10, 100], minStepSeconds: 60, minRequests: 5 } })).status).toBe(201);
    const some = await runCli(['rollout', 'status', 'chat', '--json'], env);
    expect(some.code).toBe(0);
    expect(JSON.parse(some.stdout)).toEqual([expect.objectContaining({ route: 'chat', target: 'openai/b' })]);
  });

  it('says when a key was already revoked', async () => {
    const created = JSON.parse((await runCli(['keys', 'create', '--name', 'temp', '--role', 'viewer', '--json'], env)).stdout) as { record: { id: string } };
    const first = await runCli(['keys', 'revoke', created.record.id], env);
    expect(first.stdout).toMatch(/^revoked /);
    const second = await runCli(['keys', 'revoke', created.record.id], env);
    expect(second.stdout).toMatch(/was already revoked at \d{4}-/);
  });

  it('config check refuses what start-up refuses, in one line', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'gateway:\n  concurrency:\n    perTarget: lots\nproviders:\n  - { name: up, family: nosuch, baseUrl: "http://127.0.0.1:1/v1" }\n');
    const r = await runCli(['config', 'check', '--file', bad], {});
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/gateway\.concurrency\.perTarget: /);
    expect(r.stderr).toMatch(/providers\.0\.family: /);
    expect(r.stdout).not.toContain('configuration is valid');
  });

  it('marks required options in --help and refuses an unknown metric', async () => {
    const help = await runCli(['models', 'deprecate', '--help'], env);
    expect(help.stdout).toMatch(/--reason <text>\s+\(required\)/);
    const bogus = await runCli(['metrics', 'bogus'], env);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toMatch(/^steward: REFERENCE_NOT_FOUND: metric: no metric "bogus"/);
    expect(oneLine(bogus.stderr)).toBe(true);
    const known = await runCli(['metrics', 'latency_p95'], env);
    expect(known.code).toBe(0);
  });
});
