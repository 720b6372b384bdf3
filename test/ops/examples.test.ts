// Every file in examples/ is used as the README says, against a real server, so none can rot:
// steward.yaml validated and applied (twice: the second plan changes nothing), the route file set
// and called, the dataset imported, eval.yaml run with its gates, and the alert rules, drift
// monitor, annotation queue and retraining pipeline created through the API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const example = (name: string) => `${EXAMPLES}${name}`;
const json = (name: string): unknown => JSON.parse(readFileSync(example(name), 'utf8'));

describe('examples/', () => {
  let s: TestSteward;
  let upstream: StandIn;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    upstream = await startOpenAiStandIn();
    // The file is a valid configuration as it stands (what `steward config check --file` runs).
    const config = loadConfig({ file: example('steward.yaml'), env: {} });
    const providers = (config.providers ?? []).map((p) => ({ ...p, baseUrl: upstream.url }));
    expect(providers.map((p) => p.name)).toEqual(['local-llm']);
    s = await startTestSteward(ENGINES[0], { overrides: { providers } });
    env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
  });
  afterAll(async () => {
    await s?.close();
    await upstream?.close();
  });

  it('steward.yaml applies, and applying it again changes nothing', async () => {
    const first = await runCli(['apply', '--file', example('steward.yaml')], env);
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(['apply', '--file', example('steward.yaml'), '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    const plan = JSON.parse(second.stdout) as { applied: boolean; summary: Record<string, number> };
    expect(plan).toMatchObject({ applied: false, summary: { create: 0, update: 0 } });
    const chat = await s.api('POST', '/v1/chat/completions', { body: { model: 'support', variables: { question: 'How do I rotate a key?' }, user: 'u1' } });
    expect(chat.status, chat.text).toBe(200);
  });

  it('the route file with weights and fallback is set and answers', async () => {
    const set = await runCli(['routes', 'set', example('routes/support-fallback.yaml')], env);
    expect(set.code, set.stderr).toBe(0);
    const route = await s.api('GET', '/api/routes/support-fallback');
    expect(route.body).toMatchObject({ config: { policy: 'weighted', failover: true, sticky: 'user' } });
    // The hosted target fails: the call still succeeds on the other one.
    upstream.setBehaviour({ mode: 'fail', status: 500 });
    for (const user of ['a', 'b', 'c', 'd']) {
      const chat = await s.api('POST', '/v1/chat/completions', { body: { model: 'support-fallback', messages: [{ role: 'user', content: 'hello' }], user, max_tokens: 4 } });
      expect(chat.status, chat.text).toBe(200);
    }
    upstream.setBehaviour({ mode: 'ok' });
  });

  it('the dataset imports and eval.yaml runs with its gates', async () => {
    expect((await s.api('POST', '/api/datasets', { body: { name: 'examples', description: 'examples/dataset.jsonl' } })).status).toBe(201);
    const imported = await runCli(['datasets', 'import', 'examples', example('dataset.jsonl')], env);
    expect(imported.code, imported.stderr).toBe(0);
    const run = await runCli(['eval', 'run', '--config', example('eval.yaml'), '--ci'], env);
    expect(run.code, run.stderr + run.stdout).toBe(0);
  });

  it('alert rules, drift monitor, annotation queue and retraining pipeline are accepted', async () => {
    for (const rule of json('alert-rules.json') as unknown[]) {
      const created = await s.api('POST', '/api/alerts/rules', { body: rule });
      expect(created.status, created.text).toBe(201);
    }
    const monitor = await s.api('POST', '/api/drift/monitors', { body: json('drift-monitor.json') });
    expect(monitor.status, monitor.text).toBe(201);
    const queue = await s.api('POST', '/api/annotation/queues', { body: json('annotation-queue.json') });
    expect(queue.status, queue.text).toBe(201);
    const pipeline = await s.api('POST', '/api/pipelines', { body: json('retraining-pipeline.json') });
    expect(pipeline.status, pipeline.text).toBe(201);
  });
});
