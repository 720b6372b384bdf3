// The model registry over HTTP on every engine: versions, stages and gates, aliases with history,
// deprecation, the resolver the gateway uses, concurrency and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

interface Version {
  id: string;
  name: string;
  seq: number;
  status: string;
  aliases: string[];
  deprecatedAt: string | null;
  sunsetAt: string | null;
  discontinued: boolean;
}

const openai = (model: string, params: Record<string, unknown> = {}) => ({ provider: 'openai', model, params });
const SHA = 'a'.repeat(64);

for (const engine of ENGINES) {
  describe(`model registry on ${engine.name}`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
    });
    afterAll(async () => {
      await s?.close();
    });

    async function createModel(name: string, extra: Record<string, unknown> = {}) {
      const res = await s.api('POST', '/api/models', { body: { name, description: `${name} model`, ...extra } });
      expect(res.status).toBe(201);
      return res.body;
    }
    async function register(model: string, body: Record<string, unknown>) {
      return s.api('POST', `/api/models/${model}/versions`, { body });
    }

    it('numbers versions name-001, name-002 and keeps latest on the newest', async () => {
      await createModel('support', { tags: ['chat'], card: { intendedUse: 'customer support' } });
      const first = await register('support', { spec: openai('gpt-4o-mini', { temperature: 0 }) });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ name: 'support-001', seq: 1, status: 'candidate', aliases: ['latest'], source: { kind: 'manual' } });
      const second = await register('support', {
        spec: { provider: 'builtin', artifact: { sha256: SHA, path: 'artifacts/aaa.safetensors', kind: 'lora' }, base: 'support-001' },
        source: { kind: 'training_job', jobId: 'job_1' },
        datasetVersionIds: ['dsv_1'],
      });
      expect(second.body).toMatchObject({ name: 'support-002', datasetVersionIds: ['dsv_1'], source: { kind: 'training_job', jobId: 'job_1' } });
      const model = await s.api('GET', '/api/models/support');
      expect(model.body.aliases).toEqual({ latest: 'support-002' });
      const card = await s.api('GET', '/api/models/support/card');
      expect(card.body).toMatchObject({ intendedUse: 'customer support', datasets: ['dsv_1'] });
      expect(String(card.body.trainingData)).toContain('dsv_1');
      const got = await s.api('GET', '/api/models/support/versions/2');
      expect(got.body.name).toBe('support-002');
    });

    it('allocates distinct consecutive numbers under concurrent registrations', async () => {
      await createModel('busy');
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => register('busy', { spec: openai(`m-${i}`) })));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      const seqs = results.map((r) => Number(r.body.seq)).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const list = await s.api('GET', '/api/models/busy/versions');
      expect((list.body.data as Version[]).map((v) => v.name)).toEqual(Array.from({ length: 12 }, (_, i) => `busy-${String(i + 1).padStart(3, '0')}`));
      const latest = await s.api('GET', '/api/models/busy');
      expect(latest.body.aliases).toEqual({ latest: 'busy-012' });
    });

    it('gates production on approvals; force needs a reason and is audited', async () => {
      await createModel('gated', { gates: ['quality'] });
      await register('gated', { spec: openai('a') });
      await register('gated', { spec: openai('b') });
      const staging = await s.api('POST', '/api/models/gated/versions/gated-001/stage', { body: { stage: 'staging', reason: 'looks fine' } });
      expect(staging.status).toBe(200);
      const blocked = await s.api('POST', '/api/models/gated/versions/gated-001/stage', { body: { stage: 'production' } });
      expect(blocked.status).toBe(409);
      expect(blocked.body.error).toMatchObject({ code: 'GATE_NOT_PASSED' });

      expect((await s.api('POST', '/api/models/gated/versions/1/approvals', { body: { gate: 'quality', reason: 'reviewed' } })).status).toBe(201);
      const promoted = await s.api('POST', '/api/models/gated/versions/1/stage', { body: { stage: 'production', reason: 'approved', evalRunId: 'run_1' } });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ status: 'production', aliases: expect.arrayContaining(['production']) });

      const noReason = await s.api('POST', '/api/models/gated/versions/2/stage', { body: { stage: 'production', force: true } });
      expect(noReason.body.error).toMatchObject({ code: 'FORCE_REASON_REQUIRED' });
      const forced = await s.api('POST', '/api/models/gated/versions/2/stage', { body: { stage: 'production', force: true, reason: 'hotfix' } });
      expect(forced.status).toBe(200);

      const history = await s.api('GET', '/api/models/gated/versions/gated-001/history');
      expect((history.body.data as { from: string | null; to: string; reason: string; evalRunId: string | null }[]).map((h) => [h.from, h.to])).toEqual([
        [null, 'candidate'],
        ['candidate', 'staging'],
        ['staging', 'production'],
        // Promoting gated-002 handed production over: one production version per model.
        ['production', 'deprecated'],
      ]);
      expect((history.body.data as { evalRunId: string | null }[])[2].evalRunId).toBe('run_1');
      const forcedHistory = await s.api('GET', '/api/models/gated/versions/2/history');
      expect((forcedHistory.body.data as { forced: boolean; reason: string }[]).at(-1)).toMatchObject({ forced: true, reason: 'hotfix' });
      const audit = await s.api('GET', '/api/audit?action=models.versions.force_stage');
      expect(audit.body.data).toHaveLength(1);

      const aliases = await s.api('GET', '/api/models/gated/aliases/production/history');
      expect((aliases.body.data as { from: string | null; to: string; evalRunId: string | null }[]).map((a) => [a.from, a.to, a.evalRunId])).toEqual([
        [null, 'gated-001', 'run_1'],
        ['gated-001', 'gated-002', null],
      ]);
      const back = await s.api('POST', '/api/models/gated/versions/2/stage', { body: { stage: 'staging' } });
      expect(back.body.error).toMatchObject({ code: 'STAGE_TRANSITION_INVALID' });
    });

    it('moves custom aliases with history and refuses reserved or dangling ones', async () => {
      await createModel('aliased');
      await register('aliased', { spec: openai('a') });
      await register('aliased', { spec: openai('b') });
      expect((await s.api('PUT', '/api/models/aliased/aliases/canary', { body: { version: 'aliased-002', reason: 'try b' } })).status).toBe(200);
      const moved = await s.api('PUT', '/api/models/aliased/aliases/canary', { body: { version: '1', reason: 'b was worse' } });
      expect((moved.body.data as { from: string; to: string; reason: string }[]).map((m) => [m.from, m.to, m.reason])).toEqual([
        [null, 'aliased-002', 'try b'],
        ['aliased-002', 'aliased-001', 'b was worse'],
      ]);
      const missing = await s.api('PUT', '/api/models/aliased/aliases/canary', { body: { version: 'aliased-009' } });
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'MODEL_VERSION_NOT_FOUND' });
      expect((await s.api('PUT', '/api/models/aliased/aliases/latest', { body: { version: '1' } })).body.error).toMatchObject({ code: 'ALIAS_RESERVED' });
      expect((await s.api('PUT', '/api/models/aliased/aliases/production', { body: { version: '1' } })).body.error).toMatchObject({ code: 'ALIAS_RESERVED' });
      expect((await s.api('DELETE', '/api/models/aliased/aliases/canary?reason=done')).status).toBe(204);
      expect((await s.api('DELETE', '/api/models/aliased/aliases/canary')).body.error).toMatchObject({ code: 'ALIAS_NOT_FOUND' });
    });

    it('serialises concurrent alias moves: the history is one unbroken chain', async () => {
      await createModel('racy');
      for (let i = 0; i < 4; i++) await register('racy', { spec: openai(`m${i}`) });
      const moves = await Promise.all(Array.from({ length: 10 }, (_, i) => s.api('PUT', '/api/models/racy/aliases/live', { body: { version: String((i % 4) + 1) } })));
      expect(moves.every((m) => m.status === 200)).toBe(true);
      const history = (await s.api('GET', '/api/models/racy/aliases/live/history')).body.data as { from: string | null; to: string }[];
      for (let i = 1; i < history.length; i++) expect(history[i].from).toBe(history[i - 1].to);
      const current = (await s.api('GET', '/api/models/racy')).body.aliases as Record<string, string>;
      expect(current.live).toBe(history.at(-1)?.to);
    });

    it('serialises concurrent promotions: production moves in one unbroken chain', async () => {
      await createModel('contest');
      for (let i = 0; i < 5; i++) await register('contest', { spec: openai(`m${i}`) });
      const promotions = await Promise.all(Array.from({ length: 5 }, (_, i) => s.api('POST', `/api/models/contest/versions/${i + 1}/stage`, { body: { stage: 'production', reason: `race ${i}` } })));
      expect(promotions.map((p) => p.status)).toEqual(Array(5).fill(200));
      const history = (await s.api('GET', '/api/models/contest/aliases/production/history')).body.data as { from: string | null; to: string }[];
      expect(history).toHaveLength(5);
      expect(history[0].from).toBeNull();
      for (let i = 1; i < history.length; i++) expect(history[i].from).toBe(history[i - 1].to);
      expect((await s.api('GET', '/api/models/contest')).body.aliases).toMatchObject({ production: history.at(-1)?.to });
    });

    it('shows deprecation dates and resolves references for the gateway', async () => {
      await createModel('legacy');
      await register('legacy', { spec: openai('old-model', { temperature: 0.2 }) });
      await register('legacy', { spec: openai('new-model') });
      const sunset = new Date(Date.now() + 86_400_000).toISOString();
      const deprecated = await s.api('POST', '/api/models/legacy/versions/1/deprecate', { body: { reason: 'replaced', sunsetAt: sunset, replacement: 'legacy-002' } });
      expect(deprecated.status).toBe(200);
      const list = (await s.api('GET', '/api/models/legacy/versions')).body.data as Version[];
      expect(list[0]).toMatchObject({ status: 'deprecated', sunsetAt: sunset, discontinued: false });
      expect(list[0].deprecatedAt).not.toBeNull();

      const resolver = s.handle.services.registryResolver;
      const project = s.handle.services.defaultProject.id;
      const one = await resolver.resolve(project, 'legacy-001');
      expect(one).toMatchObject({ provider: 'openai', model: 'old-model', params: { temperature: 0.2 }, versionName: 'legacy-001', deprecation: { sunsetAt: sunset, replacement: 'legacy-002', discontinued: false } });
      expect(await resolver.resolve(project, 'legacy@latest')).toMatchObject({ model: 'new-model', versionName: 'legacy-002' });
      expect(await resolver.resolve(project, 'legacy')).toBeNull();
      expect(await resolver.resolve(project, 'nothing-001')).toBeNull();

      await s.api('POST', '/api/models/legacy/versions/2/stage', { body: { stage: 'production' } });
      expect(await resolver.resolve(project, 'legacy')).toMatchObject({ model: 'new-model' });

      await s.api('POST', '/api/models/legacy/versions/1/stage', { body: { stage: 'retired', reason: 'gone' } });
      expect(await resolver.resolve(project, 'legacy-001')).toMatchObject({ deprecation: { discontinued: true } });
      expect(await resolver.listNames(project)).toEqual(expect.arrayContaining(['legacy-002', 'legacy@production']));
    });

    it('documents the registry, prompt, deployment and apply endpoints in OpenAPI', async () => {
      const doc = await s.api('GET', '/openapi.json', { key: null });
      expect(doc.status).toBe(200);
      const paths = Object.keys(doc.body.paths as Record<string, unknown>);
      for (const path of ['/api/models/{name}/versions', '/api/prompts/{name}/render', '/api/routes/{name}/rollback', '/api/experiments/{id}/results', '/api/rollouts', '/api/apply', '/api/export']) expect(paths).toContain(path);
    });

    it('answers bad input with clear 4xx codes', async () => {
      await createModel('strict');
      expect((await s.api('POST', '/api/models', { body: { name: 'strict' } })).body.error).toMatchObject({ code: 'ALREADY_EXISTS' });
      expect((await s.api('POST', '/api/models', { body: { name: 'bad-001' } })).status).toBe(400);
      expect((await s.api('POST', '/api/models', { body: { name: 'Has Space' } })).status).toBe(400);
      const badSpec = await register('strict', { spec: { provider: 'builtin', artifact: { sha256: 'short', path: 'x', kind: 'weights' } } });
      expect(badSpec.status).toBe(400);
      expect((await register('nope', { spec: openai('a') })).body.error).toMatchObject({ code: 'REGISTRY_MODEL_NOT_FOUND' });
      expect((await register('strict', { spec: openai('a'), version: 1 })).status).toBe(201);
      expect((await register('strict', { spec: openai('a'), version: 1 })).body.error).toMatchObject({ code: 'MODEL_VERSION_EXISTS' });
      expect((await register('strict', { spec: openai('b'), version: 1 })).body.error).toMatchObject({ code: 'MODEL_VERSION_IMMUTABLE' });
      expect((await register('strict', { spec: openai('b'), version: 5 })).status).toBe(400);
      expect((await s.api('GET', '/api/models/strict/versions/strict-042')).body.error).toMatchObject({ code: 'MODEL_VERSION_NOT_FOUND' });
      const viewer = await s.api('POST', '/api/keys', { body: { name: 'v', role: 'viewer' } });
      const denied = await s.api('POST', '/api/models', { key: String(viewer.body.key), body: { name: 'viewer-made' } });
      expect(denied.status).toBe(403);
    });
  });
}
