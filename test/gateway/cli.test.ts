// The gateway's CLI commands against a real server: routes from a YAML file with revisions, providers,
// traces and feedback.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

const engine = ENGINES[0];

describe(`gateway CLI (${engine.name})`, () => {
  let fx: GatewayFixture;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fx = await startGatewayFixture(engine);
    env = { STEWARD_URL: fx.steward.url, STEWARD_API_KEY: fx.steward.adminKey };
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('sets a route from YAML, lists it and shows its revisions', async () => {
    const file = join(fx.steward.dataDir, 'route.yaml');
    writeFileSync(file, 'name: cli-bot\npolicy: fallback\ntargets:\n  - model: mock/gpt-4o-mini\n  - model: backup/gpt-4o\n');
    const set = await runCli(['routes', 'set', file, '--reason', 'from the CLI'], env);
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('revision 1');
    await fx.steward.api('PUT', '/api/routes/cli-bot', { body: { config: { policy: 'single', targets: [{ model: 'mock/gpt-4o-mini' }] } } });
    const list = await runCli(['routes', 'list', '--json'], env);
    expect((JSON.parse(list.stdout) as { name: string; revision: number }[]).find((r) => r.name === 'cli-bot')?.revision).toBe(2);
    const revisions = await runCli(['routes', 'revisions', 'cli-bot'], env);
    expect(revisions.stdout).toContain('from the CLI');
  });

  it('lists providers and traces, and adds feedback', async () => {
    const providers = await runCli(['providers', 'list', '--json'], env);
    expect((JSON.parse(providers.stdout) as { name: string }[]).map((p) => p.name)).toEqual(expect.arrayContaining(['mock', 'backup']));
    const { response } = await fx.client.chat.completions.create({ model: 'cli-bot', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    const traceId = String(response.headers.get('x-steward-trace-id'));
    await fx.steward.handle.services.gatewayServices.traceWriter.flush();
    const traces = await runCli(['traces', 'list', '--route', 'cli-bot', '--json'], env);
    expect((JSON.parse(traces.stdout) as { data: { id: string }[] }).data.map((t) => t.id)).toContain(traceId);
    const added = await runCli(['feedback', 'add', traceId, '--thumb', 'up', '--comment', 'good'], env);
    expect(added.stdout).toContain('added');
    const listed = await fx.steward.api('GET', `/api/traces/${traceId}/feedback`);
    expect(listed.body.data).toMatchObject([{ thumb: 'up', comment: 'good', source: 'annotator' }]);
  });
});
