// `steward export` is a backup: it writes everything `apply` can recreate — lifecycle stages with
// their history, deprecation and sunset dates, aliases, every prompt version and its labels, gates,
// routes and use cases — and an export applied to an empty instance exports again byte for byte the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

const options = { overrides: { providers: [UNREACHABLE_OPENAI], 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 } };

for (const engine of ENGINES) {
  describe(`export is a backup (${engine.name})`, () => {
    let source: TestSteward;
    let target: TestSteward;
    beforeAll(async () => {
      source = await startTestSteward(engine, options);
      target = await startTestSteward(engine, options);
    });
    afterAll(async () => {
      await source?.close();
      await target?.close();
    });

    it('round-trips stages, deprecations, aliases, every prompt version, labels, gates and routes', async () => {
      const api = source.api;
      const ok = async (p: Promise<{ status: number; text: string }>) => {
        const r = await p;
        expect(r.status, r.text).toBeLessThan(300);
      };
      await ok(api('POST', '/api/models', { body: { name: 'helpdesk', description: 'answers', tags: ['support'] } }));
      for (const m of ['a', 'b', 'c']) await ok(api('POST', '/api/models/helpdesk/versions', { body: { spec: { provider: 'openai', model: m } } }));
      await ok(api('POST', '/api/models/helpdesk/versions/1/stage', { body: { stage: 'staging', reason: 'smoke tested' } }));
      await ok(api('POST', '/api/models/helpdesk/versions/1/stage', { body: { stage: 'production', reason: 'first launch' } }));
      await ok(api('POST', '/api/models/helpdesk/versions/2/stage', { body: { stage: 'production', reason: 'better answers' } }));
      await ok(api('POST', '/api/models/helpdesk/versions/3/deprecate', { body: { reason: 'too slow', deprecatedAt: '2030-01-01T00:00:00.000Z', sunsetAt: '2030-06-01T00:00:00.000Z', replacement: 'helpdesk-002' } }));
      await ok(api('PUT', '/api/models/helpdesk/aliases/canary', { body: { version: '3', reason: 'try c' } }));
      await ok(api('POST', '/api/prompts', { body: { name: 'reply', template: { text: 'v1 {{q}}' }, variables: [{ name: 'q' }] } }));
      await ok(api('POST', '/api/prompts/reply/versions', { body: { template: { text: 'v2 {{q}}' }, variables: [{ name: 'q' }] } }));
      await ok(api('POST', '/api/prompts/reply/versions', { body: { template: { text: 'v3 {{q}}' }, variables: [{ name: 'q' }] } }));
      await ok(api('PUT', '/api/prompts/reply/labels/production', { body: { version: 2 } }));
      await ok(api('PUT', '/api/prompts/reply/labels/staging', { body: { version: 3 } }));
      await ok(api('PUT', '/api/routes/support', { body: { config: { name: 'support', targets: [{ model: 'helpdesk@production' }], prompt: { name: 'reply', label: 'production' } } } }));
      await ok(api('POST', '/api/apply', { body: { document: { gates: [{ name: 'quality', rules: ['exact_match >= 0.8'] }] } } }));
      await ok(api('POST', '/api/use-cases', { body: { name: 'helpdesk-answers', objective: 'answer right, fast', owners: ['support'], kpis: [{ name: 'accuracy', metric: 'exact_match', op: '>=', threshold: 0.8, dataset: 'golden' }, { name: 'latency', metric: 'latency_p95_ms', op: '<=', threshold: 800 }], routes: ['support'], models: ['helpdesk'] } }));

      const exported = await api('GET', '/api/export');
      expect(exported.status).toBe(200);
      const doc = exported.body as { models: { versions: Record<string, unknown>[] }[]; prompts: Record<string, unknown>[] };
      expect(doc.models[0].versions.map((v) => [v.stage, v.history])).toEqual([
        ['deprecated', [{ stage: 'staging', reason: 'smoke tested' }, { stage: 'production', reason: 'first launch' }, { stage: 'deprecated', reason: 'replaced in production by helpdesk-002' }]],
        ['production', [{ stage: 'production', reason: 'better answers' }]],
        ['deprecated', [{ stage: 'deprecated', reason: 'too slow' }]],
      ]);
      expect(doc.models[0].versions[2]).toMatchObject({ deprecatedAt: '2030-01-01T00:00:00.000Z', sunsetAt: '2030-06-01T00:00:00.000Z', replacement: 'helpdesk-002' });
      expect(doc.prompts[0]).toMatchObject({ name: 'reply', labels: { production: 2, staging: 3 } });
      expect((doc.prompts[0].history as unknown[]).length).toBe(2);
      expect((exported.body.useCases as unknown[]).length).toBe(1);

      const applied = await target.api('POST', '/api/apply', { body: { document: exported.body } });
      expect(applied.status, applied.text).toBe(200);
      const again = await target.api('GET', '/api/export');
      expect(again.text).toBe(exported.text);
      const twice = await target.api('POST', '/api/apply', { body: { document: exported.body } });
      expect(twice.body.summary).toMatchObject({ create: 0, update: 0 });
      expect((await target.api('GET', '/api/models/helpdesk/versions/2')).body).toMatchObject({ status: 'production', aliases: expect.arrayContaining(['production']) });
    });
  });
}
