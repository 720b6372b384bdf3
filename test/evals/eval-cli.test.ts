// The `steward datasets` and `steward eval` commands against a real server, as CI would use them:
// import a file, run eval.yaml with gates, JUnit and markdown out, non-zero exit on a failed gate.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

const ROWS = [
  { id: 'a', input: 'capital of France?', reference: 'Paris' },
  { id: 'b', input: 'capital of Italy?', reference: 'Rome' },
  { id: 'c', input: 'capital of Spain?', reference: 'Madrid' },
  { id: 'd', input: 'capital of Peru?', reference: 'Lima' },
];
const ANSWERS: Record<string, string> = { 'capital of France?': 'Paris', 'capital of Italy?': 'Rome', 'capital of Spain?': 'Madrid', 'capital of Peru?': 'Lima' };

describe('steward datasets and eval commands', () => {
  let standIn: StandIn;
  let steward: TestSteward;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    standIn = await startAnsweringStandIn((model, question) => (model === 'weak' && question.includes('Peru') ? 'Cusco' : (ANSWERS[question] ?? '?')));
    steward = await startTestSteward(ENGINES[0], { overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }] } });
    dir = mkdtempSync(join(tmpdir(), 'steward-eval-cli-'));
    env = { STEWARD_URL: steward.url, STEWARD_API_KEY: steward.adminKey };
  });
  afterAll(async () => {
    await steward.close();
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports, lists versions and exports a dataset; a bad file names its lines', async () => {
    const file = join(dir, 'capitals.jsonl');
    writeFileSync(file, `${ROWS.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect((await steward.api('POST', '/api/datasets', { body: { name: 'capitals', provenance: { licence: 'CC0-1.0' } } })).status).toBe(201);
    const imported = await runCli(['datasets', 'import', 'capitals', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/created version 1: 4 items/);
    const out = join(dir, 'ft.jsonl');
    expect((await runCli(['datasets', 'export', 'capitals@1', '--format', 'openai-chat', '-o', out], env)).code).toBe(0);
    const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]) as { messages: { role: string; content: string }[] };
    expect(first.messages.at(-1)).toEqual({ role: 'assistant', content: 'Paris' });

    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(ROWS[0])}\n{oops\n`);
    const refused = await runCli(['datasets', 'import', 'capitals', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 2');
  }, 60_000);

  it('runs eval.yaml in CI mode: gates decide the exit code, JUnit and markdown are written', async () => {
    const config = (target: string) =>
      [
        'dataset: capitals@1',
        `target: ${target}`,
        'metrics:',
        '  - metric: exact_match',
        '    name: accuracy',
        'params:',
        '  concurrency: 2',
        'gates:',
        '  - accuracy >= 0.9',
        '',
      ].join('\n');
    const strong = join(dir, 'strong.yaml');
    const weak = join(dir, 'weak.yaml');
    writeFileSync(strong, config('mock/strong'));
    writeFileSync(weak, config('mock/weak'));
    const junit = join(dir, 'junit.xml');
    const summary = join(dir, 'summary.md');

    const passed = await runCli(['eval', 'run', '--config', strong, '--ci', '--junit', junit, '--summary', summary], env);
    expect(passed.code, passed.stderr).toBe(0);
    expect(readFileSync(junit, 'utf8')).toContain('failures="0"');

    const failed = await runCli(['eval', 'run', '--config', weak, '--ci', '--junit', junit, '--summary', summary, '--json'], env);
    expect(failed.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('failures="1"');
    expect(xml).toMatch(/<testcase classname="steward.gate.inline" name="accuracy &gt;= 0.9">\s*<failure/);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('| accuracy | 0.750 |');
    expect(markdown).toContain('❌');

    const runs = (await steward.api('GET', '/api/evals/runs?dataset=capitals')).body.data as { id: string; target: string }[];
    const strongId = runs.find((r) => r.target === 'mock/strong')!.id;
    const weakId = runs.find((r) => r.target === 'mock/weak')!.id;
    const compared = await runCli(['eval', 'compare', strongId, weakId, '--json'], env);
    const metrics = (JSON.parse(compared.stdout) as { metrics: { metric: string; difference: number; regressions: { itemId: string }[] }[] }).metrics;
    expect(metrics[0]).toMatchObject({ metric: 'accuracy', difference: -0.25, regressions: [{ itemId: 'd' }] });
  }, 60_000);
});
