// steward apply / export over HTTP on every engine: plans, idempotence, one transaction (a failing
// apply leaves nothing), immutability of versions, cycles, and an export that re-applies unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

interface Plan {
  applied: boolean;
  plan: { kind: string; name: string; action: string }[];
  summary: Record<string, number>;
}

const document = (overrides: Record<string, unknown> = {}) => ({
  models: [
    {
      name: 'support',
      description: 'support bot',
      gates: ['quality'],
      versions: [{ spec: { provider: 'openai', model: 'gpt-4o-mini', params: { temperature: 0 } } }],
      aliases: { canary: 1 },
    },
  ],
  prompts: [{ name: 'reply', template: { text: 'Answer {{question}}' }, variables: [{ name: 'question' }], labels: ['production'] }],
  routes: [{ name: 'support-chat', targets: [{ model: 'support-001' }] }],
  gates: [{ name: 'quality', rules: ['exact_match >= 0.8'] }],
  ...overrides,
});

for (const engine of ENGINES) {
  describe(`declarative apply on ${engine.name}`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
    });
    afterAll(async () => {
      await s?.close();
    });
    const apply = async (doc: unknown, dryRun = false) => s.api('POST', '/api/apply', { body: { document: doc, dryRun } });
    const actions = (p: Plan) => Object.fromEntries(p.plan.map((e) => [`${e.kind}:${e.name}`, e.action]));

    it('plans without writing, applies, and is idempotent', async () => {
      const dry = await apply(document(), true);
      expect(dry.status).toBe(200);
      expect(actions(dry.body as unknown as Plan)).toEqual({
        'model:support': 'create',
        'version:support-001': 'create',
        'alias:support@canary': 'create',
        'prompt:reply': 'create',
        'prompt_label:reply@production': 'create',
        'route:support-chat': 'create',
        'gate:quality': 'create',
      });
      expect((await s.api('GET', '/api/models/support')).status).toBe(404);

      const applied = await apply(document());
      expect(applied.body).toMatchObject({ applied: true, summary: { create: 7 } });
      expect((await s.api('GET', '/api/evals/gates')).body.data).toContainEqual(expect.objectContaining({ name: 'quality', rules: ['exact_match >= 0.8'] }));
      expect((await s.api('GET', '/api/models/support')).body.aliases).toEqual({ latest: 'support-001', canary: 'support-001' });
      expect((await s.api('GET', '/api/routes/support-chat')).body).toMatchObject({ revision: 1, config: { targets: [{ model: 'support-001' }] } });
      expect((await s.api('POST', '/api/prompts/reply/render', { body: { variables: { question: 'why?' } } })).body.messages).toEqual([{ role: 'user', content: 'Answer why?' }]);

      const again = await apply(document());
      expect(again.body).toMatchObject({ applied: false, summary: { create: 0, update: 0 } });
    });

    it('updates what changed: a new version, a new prompt version, a route revision', async () => {
      const doc = document();
      doc.models[0].versions.push({ spec: { provider: 'openai', model: 'gpt-4o', params: { temperature: 0 } } });
      doc.models[0].aliases = { canary: 2 };
      doc.prompts[0].template = { text: 'Answer briefly: {{question}}' };
      doc.routes[0].targets = [{ model: 'support@canary' }];
      doc.gates = [{ name: 'quality', rules: ['exact_match >= 0.9'] }];
      const result = (await apply(doc)).body as unknown as Plan;
      expect(actions(result)).toMatchObject({ 'model:support': 'unchanged', 'version:support-001': 'unchanged', 'version:support-002': 'create', 'alias:support@canary': 'update', 'prompt:reply': 'update', 'prompt_label:reply@production': 'update', 'route:support-chat': 'update', 'gate:quality': 'update' });
      expect((await s.api('GET', '/api/prompts/reply')).body).toMatchObject({ latestVersion: 2, labels: { production: 2 } });
      expect((await s.api('GET', '/api/routes/support-chat')).body).toMatchObject({ revision: 2 });
    });

    it('leaves nothing behind when any step fails', async () => {
      const doc = {
        models: [
          { name: 'first', versions: [{ spec: { provider: 'openai', model: 'a' } }] },
          { name: 'second', versions: [{ spec: { provider: 'openai', model: 'b' } }], aliases: { canary: 'second-001', broken: 'second-007' } },
        ],
        prompts: [{ name: 'never', template: { text: 'x' } }],
      };
      // The alias on a version that is not declared is refused before anything is written.
      const failed = await apply(doc);
      expect(failed.status).toBe(400);
      expect(failed.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'models.second.aliases.broken', value: 'second-007' } });
      expect((await s.api('GET', '/api/models/first')).status).toBe(404);
      expect((await s.api('GET', '/api/models/second')).status).toBe(404);
      expect((await s.api('GET', '/api/prompts/never')).status).toBe(404);

      // The gates are written last: a bad rule there still undoes the models written before it.
      const badGate = await apply({ models: [{ name: 'third', versions: [{ spec: { provider: 'openai', model: 'c' } }] }], gates: [{ name: 'broken', rules: ['accuracy is high'] }] });
      expect(badGate.status).toBe(400);
      expect(badGate.body.error).toMatchObject({ code: 'GATE_RULE_INVALID' });
      expect((await s.api('GET', '/api/models/third')).status).toBe(404);
    });

    it('refuses changed versions, cycles and invalid documents with clear codes', async () => {
      const changed = document();
      changed.models[0].versions[0].spec = { provider: 'openai', model: 'other', params: { temperature: 0 } };
      expect((await apply(changed)).body.error).toMatchObject({ code: 'MODEL_VERSION_IMMUTABLE' });
      const cycle = document({ routes: [{ name: 'a', targets: [{ model: 'b' }] }, { name: 'b', targets: [{ model: 'a' }] }] });
      expect((await apply(cycle)).body.error).toMatchObject({ code: 'ROUTE_CYCLE' });
      expect((await apply({ models: [{ name: 'x', versions: [{ spec: {} }] }] })).body.error).toMatchObject({ code: 'DECLARATIVE_INVALID' });
      expect((await apply({ prompts: [{ name: 'p', template: { text: '{{nope}}' } }] })).body.error).toMatchObject({ code: 'PROMPT_UNDECLARED_VARIABLE' });
      expect((await apply({ routes: [{ name: 'w', policy: 'weighted', targets: [{ model: 'openai/a', weight: 0 }] }] })).status).toBe(400);
    });

    it('exports the state in a format that re-applies unchanged', async () => {
      const exported = await s.api('GET', '/api/export');
      expect(exported.status).toBe(200);
      const models = exported.body.models as { name: string; versions: unknown[] }[];
      expect(models.find((m) => m.name === 'support')?.versions).toHaveLength(2);
      expect(exported.body.gates).toContainEqual({ name: 'quality', rules: ['exact_match >= 0.9'], dataset: null });
      const again = (await apply(exported.body)).body as unknown as Plan;
      expect(again.summary).toMatchObject({ create: 0, update: 0 });
    });
  });
}
