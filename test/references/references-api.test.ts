// References are checked when written, on every path (API, CLI, apply): a name that does not exist
// is a 400 REFERENCE_NOT_FOUND naming the field, the value and the closest existing names, and
// nothing is written. The README's own apply example applies as it stands.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

for (const engine of ENGINES) {
  describe(`references checked at write time (${engine.name})`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } });
    });
    afterAll(async () => {
      await s?.close();
    });
    const putRoute = (config: Record<string, unknown>) => s.api('PUT', `/api/routes/${String(config.name)}`, { body: { config } });

    it('refuses a route target whose provider, model or alias does not exist, suggesting the closest', async () => {
      const typo = await putRoute({ name: 'r1', targets: [{ model: 'opnai/gpt-4o-mini' }] });
      expect(typo.status).toBe(400);
      expect(typo.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'targets.0.model', value: 'opnai', kind: 'provider', didYouMean: ['openai'] } });
      expect((typo.body.error as { message: string }).message).toBe('targets.0.model: no provider "opnai" (did you mean "openai"?)');
      expect((await putRoute({ name: 'r1', targets: [{ model: 'nosuch/model' }] })).body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { value: 'nosuch' } });
      expect((await putRoute({ name: 'r1', targets: [{ model: 'helper-bot@production' }] })).body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { kind: 'model' } });
      await s.api('POST', '/api/models', { body: { name: 'helper-bot' } });
      await s.api('POST', '/api/models/helper-bot/versions', { body: { spec: { provider: 'openai', model: 'a' } } });
      const alias = await putRoute({ name: 'r1', targets: [{ model: 'helper-bot@prodution' }] });
      expect(alias.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'targets.0.model', kind: 'alias', value: 'prodution' } });
      expect((await putRoute({ name: 'r1', targets: [{ model: 'helper-bot-009' }] })).body.error).toMatchObject({ details: { kind: 'model version', didYouMean: ['helper-bot-001'] } });
      expect((await s.api('GET', '/api/routes/r1')).status).toBe(404);
      expect((await putRoute({ name: 'r1', targets: [{ model: 'helper-bot@latest' }] })).status).toBe(200);
      expect((await putRoute({ name: 'r2', targets: [{ model: 'r1' }] })).status).toBe(200);
    });

    it('refuses a route bound to a prompt or label that does not exist', async () => {
      const missing = await putRoute({ name: 'p1', targets: [{ model: 'openai/x' }], prompt: { name: 'greeter' } });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'prompt.name', kind: 'prompt' } });
      expect((await s.api('POST', '/api/prompts', { body: { name: 'greeter', template: { text: 'Hi {{name}}' }, variables: [{ name: 'name' }] } })).status).toBe(201);
      const label = await putRoute({ name: 'p1', targets: [{ model: 'openai/x' }], prompt: { name: 'greeter', label: 'production' } });
      expect(label.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'prompt.label', kind: 'prompt label' } });
      expect((await putRoute({ name: 'p1', targets: [{ model: 'openai/x' }], prompt: { name: 'greeter' } })).status).toBe(200);
    });

    it('refuses an alert rule on a metric that does not exist', async () => {
      const rule = { name: 'R', metric: 'latency_p59', condition: { type: 'threshold', op: '>', value: 1 }, windowSeconds: 60, severity: 'warning' };
      const bad = await s.api('POST', '/api/alerts/rules', { body: rule });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'metric', value: 'latency_p59', didYouMean: expect.arrayContaining(['latency_p50']) } });
      expect((await s.api('POST', '/api/alerts/rules', { body: { ...rule, metric: 'latency_p95' } })).status).toBe(201);
    });

    it('refuses an apply document with a misspelt section or a missing reference, writing nothing', async () => {
      const typo = await s.api('POST', '/api/apply', { body: { document: { modles: [{ name: 'x' }] } } });
      expect(typo.status).toBe(400);
      expect(typo.body.error).toMatchObject({ code: 'DECLARATIVE_INVALID' });
      expect((typo.body.error as { message: string }).message).toMatch(/modles: not a resource section \(did you mean models\?/);
      const doc = { models: [{ name: 'doc-model', versions: [{ spec: { provider: 'openai', model: 'a' } }] }], routes: [{ name: 'doc-route', targets: [{ model: 'doc-model@production' }] }] };
      const dangling = await s.api('POST', '/api/apply', { body: { document: doc } });
      expect(dangling.status).toBe(400);
      expect(dangling.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'routes.doc-route.targets.0.model', value: 'production' } });
      expect((await s.api('GET', '/api/models/doc-model')).status).toBe(404);
      const provider = await s.api('POST', '/api/apply', { body: { document: { models: [{ name: 'doc-model', versions: [{ spec: { provider: 'nosuch', model: 'a' } }] }] } } });
      expect(provider.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'models.doc-model.versions.0.spec.provider' } });
      // What the document declares itself counts: a model, its version, an alias and a route to it.
      const ok = await s.api('POST', '/api/apply', { body: { document: { ...doc, models: [{ ...doc.models[0], aliases: { stable: 1 } }], routes: [{ name: 'doc-route', targets: [{ model: 'doc-model@stable' }] }] } } });
      expect(ok.status).toBe(200);
    });

    it('applies the README example as it stands', async () => {
      const text = readFileSync(README, 'utf8');
      const block = /```yaml\n(models:[\s\S]*?)```/.exec(text)?.[1];
      expect(block).toBeDefined();
      const result = await s.api('POST', '/api/apply', { body: { document: parseYaml(block ?? '') } });
      expect(result.body.error).toBeUndefined();
      expect(result.status).toBe(200);
    });

    it('refuses the same mistakes from the CLI with one line and a non-zero exit', async () => {
      const env = { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey };
      const dir = mkdtempSync(join(tmpdir(), 'steward-refs-'));
      const file = join(dir, 'steward.yaml');
      writeFileSync(file, 'modles:\n  - name: x\n');
      const apply = await runCli(['apply', '-f', file], env);
      expect(apply.code).toBe(1);
      expect(apply.stderr).toBe(`steward: ${file}: unknown top-level key modles (did you mean models?)\n`);
      const missing = await runCli(['apply', '-f', join(dir, 'nope.yaml')], env);
      expect(missing.stderr).toBe(`steward: cannot read ${join(dir, 'nope.yaml')}: no such file\n`);
      const silence = await runCli(['alerts', 'silence', '--match', 'badpair'], env);
      expect(silence.code).toBe(1);
      expect(silence.stderr).toBe('steward: --match badpair: expected label=value, e.g. alertname=HighLatency\n');
      expect(((await s.api('GET', '/api/alerts/silences')).body.data ?? []).length).toBe(0);
    });
  });
}
