// `steward eval run --ci` as a CI job runs it, against a real server: a run that is broken can never
// pass. A target that does not exist, a malformed gate rule or a bad metric config is refused when
// the run is created (no model call spent); call and judge errors make the run
// `completed_with_errors`, fail the gates by default (maxErrorRate 0), exit non-zero and appear in
// JUnit as <error> per item; "no significant regression vs production" finds the production version
// behind an alias, a version or a route, and fails when there is none unless the rule allows it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';

const CAPITALS: [string, string][] = [
  ['France', 'Paris'],
  ['Italy', 'Rome'],
  ['Spain', 'Madrid'],
  ['Peru', 'Lima'],
  ['Japan', 'Tokyo'],
  ['Egypt', 'Cairo'],
  ['Kenya', 'Nairobi'],
  ['Chile', 'Santiago'],
  ['Cuba', 'Havana'],
  ['Iran', 'Tehran'],
  ['Mali', 'Bamako'],
  ['Nepal', 'Kathmandu'],
  ['Oman', 'Muscat'],
  ['Laos', 'Vientiane'],
];
const ROWS = CAPITALS.map(([country, city], i) => ({ id: `c${i + 1}`, input: `capital of ${country}?`, reference: city }));
const ANSWERS = new Map(ROWS.map((r) => [r.input, r.reference]));

function answer(model: string, question: string): string {
  // `down` answers every call with a server error (each attempt, so retries do not hide it).
  if (model === 'down') throw new Error('upstream is down');
  // A judge whose verdicts cannot be read: every item is a judge error, never a score.
  if (model === 'judge-babble') return 'This answer looks rather good to me.';
  const right = ANSWERS.get(question) ?? '?';
  // `weak` gets the second half wrong: a significant regression against `strong`.
  if (model === 'weak' && ROWS.findIndex((r) => r.input === question) >= 7) return 'no idea';
  return right;
}

interface Run {
  id: string;
  status: string;
  target: string;
  model: { name: string; version: string } | null;
  progress: { total: number; completed: number; failed: number };
  summary: { metrics: Record<string, { errors: number; n: number }> } | null;
}

describe('steward eval run --ci: runs that cannot pass when broken', () => {
  let standIn: StandIn;
  let steward: TestSteward;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const junit = () => join(dir, 'junit.xml');
  const runs = async () => (await steward.api('GET', '/api/evals/runs?dataset=capitals')).body.data as Run[];
  const modelCalls = () => standIn.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

  function config(lines: { target: string; metrics?: string[]; gates?: string[]; extra?: string[] }): string {
    const file = join(dir, `eval-${Math.random().toString(36).slice(2)}.yaml`);
    const metrics = lines.metrics ?? ['  - metric: exact_match', '    name: accuracy'];
    const gates = lines.gates ?? ['accuracy >= 0.5'];
    writeFileSync(
      file,
      ['dataset: capitals@1', `target: ${lines.target}`, 'metrics:', ...metrics, 'params:', '  concurrency: 4', ...(lines.extra ?? []), 'gates:', ...gates.map((g) => `  - "${g}"`), ''].join('\n'),
    );
    return file;
  }

  beforeAll(async () => {
    standIn = await startAnsweringStandIn(answer);
    steward = await startTestSteward(ENGINES[0], {
      overrides: { providers: [{ name: 'mock', family: 'openai', baseUrl: standIn.url }], 'gateway.retry.maxRetries': 0 },
    });
    dir = mkdtempSync(join(tmpdir(), 'steward-eval-ci-'));
    env = { STEWARD_URL: steward.url, STEWARD_API_KEY: steward.adminKey };
    expect((await steward.api('POST', '/api/datasets', { body: { name: 'capitals' } })).status).toBe(201);
    expect((await steward.api('POST', '/api/datasets/capitals/versions', { body: { items: ROWS } })).status).toBe(201);
  });
  afterAll(async () => {
    await steward?.close();
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a target that does not exist when the run is created: no run, no call, exit 1, JUnit says why', async () => {
    const before = (await runs()).length;
    const calls = modelCalls();
    const result = await runCli(['eval', 'run', '--config', config({ target: 'no-such-model' }), '--ci', '--junit', junit()], env);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toContain('no-such-model');
    expect((await runs()).length).toBe(before);
    expect(modelCalls()).toBe(calls);
    const xml = readFileSync(junit(), 'utf8');
    expect(xml).toMatch(/errors="1"/);
    expect(xml).toMatch(/<error message="[^"]*no-such-model/);

    const api = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'capitals', target: 'no-such-model', metrics: [{ metric: 'exact_match' }] } });
    expect(api.status).toBe(400);
    expect(api.body.error).toMatchObject({ code: 'EVAL_TARGET_INVALID', details: { field: 'target' } });
  }, 60_000);

  it('a target whose every call fails: completed_with_errors, each item an <error>, gates fail, exit 1', async () => {
    const result = await runCli(['eval', 'run', '--config', config({ target: 'mock/down' }), '--ci', '--junit', junit(), '--json'], env);
    expect(result.code, result.stderr).toBe(1);
    const { run, gates } = JSON.parse(result.stdout) as { run: Run; gates: { passed: boolean; rules: { rule: string; passed: boolean; reason: string }[] }[] };
    expect(run.status).toBe('completed_with_errors');
    expect(run.progress).toMatchObject({ total: 14, completed: 14, failed: 14 });
    expect(gates[0].passed).toBe(false);
    expect(gates[0].rules.find((r) => r.rule.startsWith('error rate'))).toMatchObject({ passed: false });
    const xml = readFileSync(junit(), 'utf8');
    expect((xml.match(/<error /g) ?? []).length).toBe(14);
    expect(xml).toContain('errors="14"');
    expect(xml).not.toContain('failures="0"');
    expect(xml).toMatch(/<testcase classname="steward.item" name="c1">\s*<error message="call: [^"]*"/);
  }, 60_000);

  it('a judge that fails on every item: errors counted per metric, the gates fail by default, and pass only within maxErrorRate', async () => {
    const judge = ['  - metric: exact_match', '    name: accuracy', '  - metric: llm_judge', '    name: judge', '    config:', '      model: mock/judge-babble'];
    const result = await runCli(['eval', 'run', '--config', config({ target: 'mock/strong', metrics: judge, gates: ['accuracy >= 0.9'] }), '--ci', '--junit', junit(), '--json'], env);
    expect(result.code, result.stderr).toBe(1);
    const { run, gates } = JSON.parse(result.stdout) as { run: Run; gates: { passed: boolean; rules: { rule: string; passed: boolean; reason: string }[] }[] };
    expect(run.status).toBe('completed_with_errors');
    expect(run.progress.failed).toBe(0);
    expect(run.summary?.metrics.judge).toMatchObject({ n: 0, errors: 14 });
    expect(gates[0].passed).toBe(false);
    expect(gates[0].rules.find((r) => r.rule === 'accuracy >= 0.9')?.passed).toBe(true);
    expect(gates[0].rules.find((r) => r.rule.startsWith('error rate'))?.reason).toContain('14 of 14 items');
    const xml = readFileSync(junit(), 'utf8');
    expect((xml.match(/<error message="judge: /g) ?? []).length).toBe(14);

    // A gate naming a metric that has no score fails, whatever the error budget.
    const named = await runCli(['eval', 'run', '--config', config({ target: 'mock/strong', metrics: judge, gates: ['judge >= 0.1'], extra: ['maxErrorRate: 1'] }), '--ci', '--json'], env);
    expect(named.code).toBe(1);
    const rules = (JSON.parse(named.stdout) as { gates: { rules: { rule: string; passed: boolean; reason: string }[] }[] }).gates[0].rules;
    expect(rules.find((r) => r.rule === 'judge >= 0.1')).toMatchObject({ passed: false });
    expect(rules.find((r) => r.rule.startsWith('error rate'))).toMatchObject({ passed: true });
  }, 60_000);

  it('a malformed gate rule, a rule on a metric the run does not compute, or a bad metric config is refused before any call', async () => {
    const before = (await runs()).length;
    const calls = modelCalls();
    const malformed = await runCli(['eval', 'run', '--config', config({ target: 'mock/strong', gates: ['accuracy is high'] }), '--ci', '--junit', junit()], env);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('accuracy is high');
    expect(readFileSync(junit(), 'utf8')).toMatch(/<error message="[^"]*accuracy is high/);
    const unknownMetric = await runCli(['eval', 'run', '--config', config({ target: 'mock/strong', gates: ['f1 >= 0.5'] }), '--ci'], env);
    expect(unknownMetric.code).toBe(1);
    expect(unknownMetric.stderr).toContain('f1');
    const badConfig = await runCli(['eval', 'run', '--config', config({ target: 'mock/strong', metrics: ['  - metric: regex', '    config:', '      pattern: "("'] }), '--ci'], env);
    expect(badConfig.code).toBe(1);
    expect((await runs()).length).toBe(before);
    expect(modelCalls()).toBe(calls);

    const api = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'capitals', target: 'mock/strong', metrics: [{ metric: 'exact_match' }], gates: { rules: ['exact_match is high'] } } });
    expect(api.status).toBe(400);
    expect(api.body.error).toMatchObject({ code: 'GATE_RULE_INVALID', details: { field: 'gates.rules[0]' } });
    const noGate = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'capitals', target: 'mock/strong', metrics: [{ metric: 'exact_match' }], gates: { gates: ['nope'] } } });
    expect(noGate.status).toBe(400);
    expect(noGate.body.error).toMatchObject({ code: 'GATE_RULE_INVALID', details: { field: 'gates.gates[0]' } });
    const noDataset = await steward.api('POST', '/api/evals/runs', { body: { dataset: 'nope', target: 'mock/strong', metrics: [{ metric: 'exact_match' }] } });
    expect(noDataset.status).toBe(400);
    expect(noDataset.body.error).toMatchObject({ code: 'EVAL_DATASET_INVALID', details: { field: 'dataset' } });
  }, 60_000);

  it('"no significant regression vs production" finds the production version behind an alias, a version or a route', async () => {
    const api = steward.api.bind(steward);
    expect((await api('POST', '/api/models', { body: { name: 'capital-bot' } })).status).toBe(201);
    expect((await api('POST', '/api/models/capital-bot/versions', { body: { spec: { provider: 'mock', model: 'strong' } } })).status).toBe(201);
    expect((await api('POST', '/api/models/capital-bot/versions', { body: { spec: { provider: 'mock', model: 'weak' } } })).status).toBe(201);
    const regression = 'no significant regression vs production';
    type Out = { run: Run; gates: { rules: { rule: string; passed: boolean; reason: string }[] }[] };
    const regressionRule = (stdout: string) => (JSON.parse(stdout) as Out).gates[0].rules.find((r) => r.rule.startsWith('no significant'))!;

    // No production version yet: the rule fails and says so, unless it allows a missing production.
    const none = await runCli(['eval', 'run', '--config', config({ target: 'capital-bot@latest', gates: [regression] }), '--ci', '--json'], env);
    expect(none.code, none.stderr).toBe(1);
    expect((JSON.parse(none.stdout) as Out).run.model).toEqual({ name: 'capital-bot', version: 'capital-bot-002' });
    expect(regressionRule(none.stdout)).toMatchObject({ passed: false });
    expect(regressionRule(none.stdout).reason).toContain('capital-bot has no production version');
    const allowed = await runCli(['eval', 'run', '--config', config({ target: 'capital-bot@latest', gates: [`${regression} if production exists`] }), '--ci', '--json'], env);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(regressionRule(allowed.stdout).reason).toContain('no production version');

    // Production exists but was never evaluated on this dataset version: nothing to compare with, so it fails.
    expect((await api('POST', '/api/models/capital-bot/versions/1/stage', { body: { stage: 'production', reason: 'baseline' } })).status).toBe(200);
    const unevaluated = await runCli(['eval', 'run', '--config', config({ target: 'capital-bot@latest', gates: [`${regression} if production exists`] }), '--ci', '--json'], env);
    expect(unevaluated.code).toBe(1);
    expect(regressionRule(unevaluated.stdout).reason).toContain('no completed run of capital-bot-001');

    // The production version's run is the baseline for the alias, the version and a route to the alias.
    const baseline = await runCli(['eval', 'run', '--config', config({ target: 'capital-bot@production', gates: ['accuracy >= 0.9'] }), '--ci'], env);
    expect(baseline.code, baseline.stderr).toBe(0);
    expect((await api('POST', '/api/routes', { body: { config: { name: 'capital-route', targets: [{ model: 'capital-bot@latest' }] } } })).status).toBe(201);
    for (const target of ['capital-bot@latest', 'capital-bot-002', 'capital-route']) {
      const candidate = await runCli(['eval', 'run', '--config', config({ target, gates: [regression] }), '--ci', '--json'], env);
      expect(candidate.code, `${target}: ${candidate.stdout}`).toBe(1);
      const rule = regressionRule(candidate.stdout);
      expect(rule.passed, target).toBe(false);
      expect(rule.reason).toMatch(/regressed against run evr_\S+ \(capital-bot-001, production\): accuracy -0\.5/);
    }
    const same = await runCli(['eval', 'run', '--config', config({ target: 'capital-bot-001', gates: [regression] }), '--ci', '--json'], env);
    expect(same.code, same.stdout).toBe(0);
  }, 120_000);
});
