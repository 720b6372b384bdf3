// The registry, prompt and deployment commands of the real `steward` CLI against a real server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

const engine = ENGINES[0];

describe(`registry CLI on ${engine.name}`, () => {
  let s: TestSteward;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
    env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
  });
  afterAll(async () => {
    await s?.close();
  });
  const cli = async (...args: string[]) => {
    const result = await runCli(args, env);
    if (result.code !== 0) throw new Error(`steward ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };

  // Each CLI run starts a process: the test keeps to the commands whose output matters.
  it('registers and promotes model versions, refusing a failing gate', async () => {
    await s.api('POST', '/api/models', { body: { name: 'bot', gates: ['review'] } });
    expect(await cli('models', 'register', 'bot', '--provider', 'openai', '--model', 'gpt-4o-mini', '--params', '{"temperature":0}')).toContain('registered bot-001');
    const refused = await runCli(['models', 'promote', 'bot', 'bot-001', 'production'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('GATE_NOT_PASSED');
    await s.api('POST', '/api/models/bot/versions/1/approvals', { body: { gate: 'review' } });
    expect(await cli('models', 'promote', 'bot', '1', 'production', '--reason', 'approved')).toContain('bot-001 is now production');
  });

  it('renders prompts strictly and diffs and rolls back routes', async () => {
    await s.api('POST', '/api/prompts', { body: { name: 'hi', template: { text: 'Hello {{who}}' }, variables: [{ name: 'who' }] } });
    expect(await cli('prompts', 'render', 'hi', '--var', 'who=Ada')).toBe('[user] Hello Ada\n');

    await s.api('PUT', '/api/routes/r', { body: { config: { name: 'r', targets: [{ model: 'openai/a' }] } } });
    await s.api('PUT', '/api/routes/r', { body: { config: { name: 'r', targets: [{ model: 'openai/b' }] } } });
    expect(await cli('routes', 'diff', 'r', '1', '2')).toContain('~ targets.0.model: "openai/a" → "openai/b"');
    expect(await cli('rollback', 'r')).toContain('revision 3 restores revision 1');
  });

  it('applies steward.yaml: plan first, then idempotently', async () => {
    const file = join(s.dataDir, 'steward.yaml');
    writeFileSync(file, ['server:', '  port: 7400', 'models:', '  - name: yaml-bot', '    versions:', '      - spec: { provider: openai, model: gpt-4o-mini }', 'routes:', '  - name: yaml-route', '    targets: [{ model: yaml-bot-001 }]', ''].join('\n'));
    const dry = await cli('apply', '--file', file, '--dry-run');
    expect(dry).toContain('+ model yaml-bot');
    expect(dry).toContain('would change 3 to create');
    expect((await s.api('GET', '/api/models/yaml-bot')).status).toBe(404);
    expect(await cli('apply', '--file', file)).toContain('applied 3 to create');
    expect((await s.api('GET', '/api/routes/yaml-route')).status).toBe(200);
  });
});
