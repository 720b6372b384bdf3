// Registry invariants the store keeps whatever the order of writes, on every engine: one production
// version per model (promoting retires the previous one to `deprecated` in the same transaction),
// `latest` resolvable right after registration and only ever at a version that resolved, and no
// alias on a retired version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, UNREACHABLE_OPENAI, startTestSteward } from '../harness/test-steward.js';

interface Version {
  name: string;
  status: string;
  aliases: string[];
  deprecatedAt: string | null;
  replacement: string | null;
}

const openai = (model: string) => ({ provider: 'openai', model });

for (const engine of ENGINES) {
  describe(`registry invariants on ${engine.name}`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine, { overrides: { providers: [UNREACHABLE_OPENAI] } });
    });
    afterAll(async () => {
      await s?.close();
    });

    const versions = async (model: string) => (await s.api('GET', `/api/models/${model}/versions`)).body.data as Version[];
    const promote = (model: string, seq: number, reason = 'ship it') => s.api('POST', `/api/models/${model}/versions/${seq}/stage`, { body: { stage: 'production', reason } });

    it('keeps one production version: promoting v2 deprecates v1 in the same step, with its history', async () => {
      expect((await s.api('POST', '/api/models', { body: { name: 'helpdesk' } })).status).toBe(201);
      for (const m of ['a', 'b']) expect((await s.api('POST', '/api/models/helpdesk/versions', { body: { spec: openai(m) } })).status).toBe(201);
      expect((await promote('helpdesk', 1)).status).toBe(200);
      expect((await promote('helpdesk', 2)).status).toBe(200);
      const list = await versions('helpdesk');
      expect(list.map((v) => [v.name, v.status])).toEqual([
        ['helpdesk-001', 'deprecated'],
        ['helpdesk-002', 'production'],
      ]);
      expect(list[0]).toMatchObject({ replacement: 'helpdesk-002' });
      expect(list[0].deprecatedAt).not.toBeNull();
      const history = (await s.api('GET', '/api/models/helpdesk/versions/1/history')).body.data as { from: string; to: string; reason: string }[];
      expect(history.at(-1)).toMatchObject({ from: 'production', to: 'deprecated', reason: expect.stringContaining('helpdesk-002') });
    });

    it('resolves name@latest right after registering versions', async () => {
      expect((await s.api('POST', '/api/models', { body: { name: 'fresh' } })).status).toBe(201);
      expect((await s.api('POST', '/api/models/fresh/versions', { body: { spec: openai('one') } })).status).toBe(201);
      const first = await s.api('GET', '/v1/models/fresh@latest');
      expect(first.status).toBe(200);
      expect((await s.api('POST', '/api/models/fresh/versions', { body: { spec: openai('two') } })).status).toBe(201);
      expect((await s.api('GET', '/api/models/fresh/versions/latest')).body).toMatchObject({ name: 'fresh-002' });
      expect((await s.api('GET', '/v1/models/fresh@latest')).status).toBe(200);
      expect((await s.api('GET', '/v1/models/fresh-002')).status).toBe(200);
    });

    it('never moves latest to a version whose provider does not exist', async () => {
      expect((await s.api('POST', '/api/models', { body: { name: 'typo' } })).status).toBe(201);
      expect((await s.api('POST', '/api/models/typo/versions', { body: { spec: openai('good') } })).status).toBe(201);
      const bad = await s.api('POST', '/api/models/typo/versions', { body: { spec: { provider: 'nosuch', model: 'x' } } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: { field: 'spec.provider', value: 'nosuch' } });
      expect((await versions('typo')).map((v) => [v.name, v.aliases])).toEqual([['typo-001', ['latest']]]);
    });

    it('refuses an alias on a retired version', async () => {
      expect((await s.api('POST', '/api/models', { body: { name: 'old' } })).status).toBe(201);
      for (const m of ['a', 'b']) await s.api('POST', '/api/models/old/versions', { body: { spec: openai(m) } });
      expect((await s.api('POST', '/api/models/old/versions/1/stage', { body: { stage: 'retired', reason: 'gone' } })).status).toBe(200);
      const alias = await s.api('PUT', '/api/models/old/aliases/canary', { body: { version: '1' } });
      expect(alias.status).toBe(409);
      expect(alias.body.error).toMatchObject({ code: 'MODEL_VERSION_RETIRED' });
      expect((await s.api('PUT', '/api/models/old/aliases/canary', { body: { version: '2' } })).status).toBe(200);
      // Nor can a version be retired while an alias still points at it.
      const held = await s.api('POST', '/api/models/old/versions/2/stage', { body: { stage: 'retired', reason: 'gone too' } });
      expect(held.status).toBe(409);
      expect(held.body.error).toMatchObject({ code: 'MODEL_VERSION_RETIRED', details: { aliases: ['canary'] } });
      expect((await s.api('GET', '/api/models/old/versions/2')).body).toMatchObject({ status: 'candidate' });
    });

    it('keeps one production version under concurrent promotions', async () => {
      expect((await s.api('POST', '/api/models', { body: { name: 'race' } })).status).toBe(201);
      for (let i = 0; i < 6; i++) await s.api('POST', '/api/models/race/versions', { body: { spec: openai(`m${i}`) } });
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => promote('race', i + 1, `race ${i}`)));
      // A version already replaced before its own promotion ran is deprecated: it may not come back.
      for (const r of results) expect([200, 409]).toContain(r.status);
      const list = await versions('race');
      const production = list.filter((v) => v.status === 'production');
      expect(production).toHaveLength(1);
      expect(production[0].aliases).toContain('production');
      const model = (await s.api('GET', '/api/models/race')).body as { aliases: Record<string, string> };
      expect(model.aliases.production).toBe(production[0].name);
    });
  });
}
