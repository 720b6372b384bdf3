// `steward use-cases list|show|status` against a real Steward, as a user runs it: tables for people,
// --json for scripts, a clear one-line error for a use case that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';
import { SEED_NOW, SEEDED_USE_CASE, seedUseCase } from './use-case-seed.js';

describe('steward use-cases', () => {
  let s: TestSteward;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    s = await startTestSteward(ENGINES[0], { overrides: { providers: [UNREACHABLE_OPENAI], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 }, now: () => SEED_NOW });
    await seedUseCase(s);
    env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists the use cases with objective and owners', async () => {
    const table = await runCli(['use-cases', 'list'], env);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+OBJECTIVE\s+OWNERS\s+KPIS\s+ROUTES\s+MODELS$/);
    expect(lines[1]).toMatch(/^support-answers\s+Answer customer questions correctly and fast\s+ana@example\.com, support-team\s+4\s+support\s+helpdesk$/);
    const json = await runCli(['use-cases', 'list', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ name: 'support-answers', owners: SEEDED_USE_CASE.owners })]);
  });

  it('shows a use case with its KPIs and derived gates', async () => {
    const shown = await runCli(['use-cases', 'show', 'support-answers'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('# support-answers: Answer customer questions correctly and fast');
    expect(shown.stdout).toMatch(/^latency\s+latency_p95_ms\s+<= 800\s+-$/m);
    expect(shown.stdout).toMatch(/^accuracy\s+exact_match\s+>= 0\.8\s+golden$/m);
    expect(shown.stdout).toMatch(/^support-answers-kpis\s+golden\s+latency_p95 <= 800; exact_match >= 0\.8\s+helpdesk$/m);
    const json = JSON.parse((await runCli(['use-cases', 'show', 'support-answers', '--json'], env)).stdout);
    expect(json).toMatchObject({ name: 'support-answers', derived: { guards: { evalGates: [{ model: 'helpdesk', gate: 'support-answers-kpis' }] } } });
  });

  it("prints each KPI's live and offline value against its threshold, over a chosen window", async () => {
    const status = await runCli(['use-cases', 'status', 'support-answers'], env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('# support-answers: missed (live 2026-05-31T12:00:00.000Z – 2026-06-01T12:00:00.000Z)');
    expect(status.stdout).toMatch(/^latency\s+latency_p95_ms\s+<= 800\s+\d{4}(\.\d+)? \(missed, 40 req\)\s+650 \(met, helpdesk@production\)\s+missed$/m);
    expect(status.stdout).toMatch(/^cost\s+cost_per_request_usd\s+<= 0\.002\s+0\.001 \(met, 40 req\)\s+0\.001 \(met, helpdesk@production\)\s+met$/m);
    expect(status.stdout).toMatch(/^accuracy\s+exact_match\s+>= 0\.8\s+-\s+0\.85 \(met, helpdesk@production\)\s+met$/m);
    expect(status.stdout).toMatch(/^satisfaction\s+feedback_score\s+>= 4\s+-\s+-\s+no_data$/m);
    const json = JSON.parse((await runCli(['use-cases', 'status', 'support-answers', '--window-hours', '2', '--json'], env)).stdout);
    expect(json.window).toEqual({ from: '2026-06-01T10:00:00.000Z', to: '2026-06-01T12:00:00.000Z' });
    expect(json.kpis.map((k: { name: string; status: string }) => [k.name, k.status])).toEqual([['latency', 'missed'], ['cost', 'met'], ['accuracy', 'met'], ['satisfaction', 'no_data']]);
  });

  it('says so in one line for a use case that does not exist', async () => {
    const missing = await runCli(['use-cases', 'status', 'nope'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toBe('steward: USE_CASE_NOT_FOUND: use case nope not found');
  });
});
