// The CLI as a user runs it against a real server: metrics, alerts, drift and training commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

describe('monitoring and training CLI (sqlite)', () => {
  let s: TestSteward;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    s = await startTestSteward({ name: 'sqlite', databaseUrl: undefined }, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
  });
  afterAll(async () => {
    await s.close();
  });

  it('creates a channel and a rule, lists them, and reports bad metric ranges and hyper-parameters clearly', async () => {
    expect((await runCli(['alerts', 'channel', 'ops-log', '--kind', 'log'], env)).code).toBe(0);
    const rule = { name: 'SlowChat', metric: 'latency_p95', condition: { type: 'threshold', op: '>', value: 500 }, windowSeconds: 300, severity: 'critical', channels: ['ops-log'] };
    const created = await runCli(['alerts', 'create', JSON.stringify(rule)], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^alr_\S+ SlowChat/);
    const list = await runCli(['alerts', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ name: 'SlowChat', status: 'inactive' })]);
    const bad = await runCli(['metrics', 'requests', '--from', 'yesterday'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/from must be epoch milliseconds or an ISO 8601 time/);
    const refused = await runCli(['train', 'start', '--base', 'b', '--output', 'o', '--backend', 'builtin', '--lr', '7'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/HYPERPARAMETER_INVALID: learningRate must be at most 1/);
  }, 120_000);
});
