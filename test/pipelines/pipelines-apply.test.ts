// Retraining pipelines declared in `steward apply`: planned (create / update / unchanged), written in
// apply's one transaction, audited, runnable through the API, exported in the same format so that
// export → apply to an empty instance → export is identical, and refused clearly when malformed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

interface Plan {
  applied: boolean;
  plan: { kind: string; name: string; action: string }[];
}

const pipeline = (overrides: Record<string, unknown> = {}) => ({
  name: 'nightly-support',
  definition: {
    triggers: { scheduleSeconds: 86_400 },
    curate: { dataset: 'support-curated', route: 'support', kind: 'sft' },
    train: { baseModel: 'builtin/steward-mini', outputModel: 'support-bot', hyperParameters: { epochs: 2 } },
    ...overrides,
  },
});

const options = { overrides: { 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } };

for (const engine of ENGINES) {
  describe(`pipelines in steward apply (${engine.name})`, () => {
    let s: TestSteward;
    let empty: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, options);
      empty = await startTestSteward(engine, options);
    });
    afterAll(async () => {
      await s?.close();
      await empty?.close();
    });

    const apply = (target: TestSteward, document: unknown, dryRun = false) => target.api('POST', '/api/apply', { body: { document, dryRun } });
    const pipelineEntry = (p: Plan) => p.plan.find((e) => e.kind === 'pipeline');

    it('creates, leaves unchanged and updates a declared pipeline, and exports it for a byte-identical restore', async () => {
      const dry = await apply(s, { pipelines: [pipeline()] }, true);
      expect(dry.status, dry.text).toBe(200);
      expect(pipelineEntry(dry.body as unknown as Plan)).toEqual({ kind: 'pipeline', name: 'nightly-support', action: 'create' });
      expect((await s.api('GET', '/api/pipelines/nightly-support')).status).toBe(404);

      const created = await apply(s, { pipelines: [pipeline()] });
      expect(created.status, created.text).toBe(200);
      expect(created.body).toMatchObject({ applied: true });
      const stored = await s.api('GET', '/api/pipelines/nightly-support');
      expect(stored.status).toBe(200);
      expect(stored.body).toMatchObject({ enabled: true, definition: { triggers: { scheduleSeconds: 86_400 }, curate: { dataset: 'support-curated', kind: 'sft', minItems: 1 }, train: { backend: 'builtin', baseModel: 'builtin/steward-mini' } } });

      const again = await apply(s, { pipelines: [pipeline()] });
      expect(pipelineEntry(again.body as unknown as Plan)?.action).toBe('unchanged');
      expect(again.body).toMatchObject({ applied: false });

      const changed = await apply(s, { pipelines: [{ ...pipeline({ triggers: { feedbackCount: 50 } }), enabled: false }] });
      expect(pipelineEntry(changed.body as unknown as Plan)?.action).toBe('update');
      const updated = (await s.api('GET', '/api/pipelines/nightly-support')).body;
      expect(updated).toMatchObject({ enabled: false, definition: { triggers: { feedbackCount: 50 } } });
      expect((updated.definition as { triggers: Record<string, unknown> }).triggers.scheduleSeconds).toBeUndefined();

      const audit = (await s.api('GET', '/api/audit?limit=50')).body.data as { action: string; resourceType: string }[];
      expect(audit.filter((e) => e.resourceType === 'pipeline').map((e) => e.action)).toEqual(expect.arrayContaining(['pipelines.create', 'pipelines.update']));

      const exported = await s.api('GET', '/api/export');
      expect(exported.status).toBe(200);
      const doc = exported.body as { pipelines: { name: string; enabled: boolean }[] };
      expect(doc.pipelines).toEqual([expect.objectContaining({ name: 'nightly-support', enabled: false })]);
      const restored = await apply(empty, doc);
      expect(restored.status, restored.text).toBe(200);
      expect((await empty.api('GET', '/api/export')).text).toBe(exported.text);
    });

    it('refuses a malformed pipeline naming the field, and a name declared twice, writing nothing', async () => {
      const bad = await apply(s, { pipelines: [pipeline({ train: { outputModel: 'x' } })] });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'DECLARATIVE_INVALID' });
      expect((bad.body.error as { message: string }).message).toMatch(/pipelines\.0\.definition\.train\.baseModel/);

      const twice = await apply(s, { pipelines: [{ ...pipeline(), name: 'twice' }, { ...pipeline(), name: 'twice' }] });
      expect(twice.status).toBe(400);
      expect((twice.body.error as { message: string }).message).toMatch(/pipelines: twice is declared twice/);

      const misspelt = await apply(s, { pipeline: [pipeline()] });
      expect(misspelt.status).toBe(400);
      expect((misspelt.body.error as { message: string }).message).toMatch(/pipeline: not a resource section \(did you mean pipelines\?/);
      expect((await s.api('GET', '/api/pipelines/twice')).status).toBe(404);
    });

    it("never exports or updates another project's pipeline", async () => {
      const created = await s.api('POST', '/api/projects', { body: { name: 'other-team' } });
      expect(created.status, created.text).toBe(201);
      const key = String((await s.api('POST', '/api/keys', { body: { name: 'other-admin', role: 'admin', project: String(created.body.id) } })).body.key);
      await apply(s, { pipelines: [{ ...pipeline(), name: 'shared-name' }] });
      const theirs = await s.api('POST', '/api/apply', { key, body: { document: { pipelines: [{ ...pipeline({ triggers: { feedbackCount: 5 } }), name: 'shared-name' }] } } });
      expect(theirs.status, theirs.text).toBe(200);
      expect(pipelineEntry(theirs.body as unknown as Plan)?.action).toBe('create');
      expect(((await s.api('GET', '/api/pipelines/shared-name')).body.definition as { triggers: Record<string, unknown> }).triggers).toEqual({ scheduleSeconds: 86_400 });
      const exported = (await s.api('GET', '/api/export', { key })).body as { pipelines: { name: string }[] };
      expect(exported.pipelines.map((p) => p.name)).toEqual(['shared-name']);
    });
  });
}
