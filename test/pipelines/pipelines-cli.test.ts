// Pipelines from the command line: `steward pipelines create <file>` defines one from the example
// file, `show` prints its definition, and a malformed file is refused with one clear line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/retraining-pipeline.json', import.meta.url));
const engine = ENGINES[0];

describe(`pipelines CLI (${engine.name})`, () => {
  let s: TestSteward;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    s = await startTestSteward(engine, { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
    dir = mkdtempSync(join(tmpdir(), 'steward-pipelines-cli-'));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a pipeline from the example file and shows it', async () => {
    const created = await runCli(['pipelines', 'create', EXAMPLE], env);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('pipeline support-retrain created (enabled)\n');
    const stored = await s.api('GET', '/api/pipelines/support-retrain');
    expect(stored.body).toMatchObject({ enabled: true, definition: { curate: { dataset: 'support-curated', minItems: 20 }, rollout: { steps: [10, 50, 100] } } });

    const shown = await runCli(['pipelines', 'show', 'support-retrain'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^# support-retrain \(enabled, last triggered never\)\n/);
    expect(JSON.parse(shown.stdout.slice(shown.stdout.indexOf('\n') + 1))).toEqual(stored.body.definition);

    const again = await runCli(['pipelines', 'create', EXAMPLE], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('refuses a file that is not a pipeline with one line naming the problem', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: broken\ndefinition:\n  curate: { dataset: d }\n');
    const refused = await runCli(['pipelines', 'create', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/train/);
    const list = join(dir, 'list.yaml');
    writeFileSync(list, '- a\n- b\n');
    const notOne = await runCli(['pipelines', 'create', list], env);
    expect(notOne.stderr).toMatch(/must hold one pipeline: name, definition and optionally enabled/);
    const missing = await runCli(['pipelines', 'create', join(dir, 'nope.yaml')], env);
    expect(missing.stderr).toMatch(/cannot read .*nope\.yaml: no such file/);
    expect((await s.api('GET', '/api/pipelines/broken')).status).toBe(404);
  });
});
