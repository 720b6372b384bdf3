// Prompts over HTTP on every engine: versions, labels with history, strict rendering, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

for (const engine of ENGINES) {
  describe(`prompts on ${engine.name}`, () => {
    let s: TestSteward;
    beforeAll(async () => {
      s = await startTestSteward(engine);
    });
    afterAll(async () => {
      await s?.close();
    });

    it('creates versions, moves labels with history and renders the labelled version', async () => {
      const created = await s.api('POST', '/api/prompts', {
        body: {
          name: 'reply',
          description: 'support replies',
          template: { messages: [{ role: 'system', content: 'You help {{product}} customers.' }, { role: 'user', content: '{{question}}' }] },
          variables: [{ name: 'product' }, { name: 'question' }],
          params: { temperature: 0.2 },
          labels: ['production'],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ version: 1, kind: 'instruction', labels: ['production'] });
      const v2 = await s.api('POST', '/api/prompts/reply/versions', {
        body: { template: { text: 'Answer briefly about {{product}}: {{question}}' }, variables: [{ name: 'product' }, { name: 'question' }], message: 'shorter', labels: ['staging'] },
      });
      expect(v2.body).toMatchObject({ version: 2, message: 'shorter' });

      const prod = await s.api('POST', '/api/prompts/reply/render', { body: { variables: { product: 'Steward', question: 'How do I roll back?' } } });
      expect(prod.status).toBe(200);
      expect(prod.body).toMatchObject({
        version: 1,
        params: { temperature: 0.2 },
        messages: [
          { role: 'system', content: 'You help Steward customers.' },
          { role: 'user', content: 'How do I roll back?' },
        ],
      });
      const staging = await s.api('POST', '/api/prompts/reply/render', { body: { label: 'staging', variables: { product: 'X', question: 'Y' } } });
      expect(staging.body).toMatchObject({ version: 2, label: 'staging', messages: [{ role: 'user', content: 'Answer briefly about X: Y' }] });

      expect((await s.api('PUT', '/api/prompts/reply/labels/production', { body: { version: 2, reason: 'better' } })).status).toBe(200);
      const after = await s.api('POST', '/api/prompts/reply/render', { body: { variables: { product: 'X', question: 'Y' } } });
      expect(after.body.version).toBe(2);
      const history = (await s.api('GET', '/api/prompts/reply/labels')).body.data as { label: string; from: number | null; to: number; reason: string }[];
      expect(history.filter((h) => h.label === 'production').map((h) => [h.from, h.to])).toEqual([
        [null, 1],
        [1, 2],
      ]);
      const service = await s.handle.services.prompts.render(s.handle.services.defaultProject.id, 'reply', { version: 1 }, { product: 'P', question: 'Q' });
      expect(service.versionId).toBe(created.body.id);
    });

    it('is strict and answers bad input with clear codes', async () => {
      const undeclared = await s.api('POST', '/api/prompts', { body: { name: 'bad', template: { text: 'Hi {{name}}' } } });
      expect(undeclared.status).toBe(400);
      expect(undeclared.body.error).toMatchObject({ code: 'PROMPT_UNDECLARED_VARIABLE', details: { undeclared: ['name'] } });
      expect((await s.api('GET', '/api/prompts/bad')).status).toBe(404);

      await s.api('POST', '/api/prompts', { body: { name: 'greet', template: { text: 'Hi {{name}}' }, variables: [{ name: 'name' }] } });
      const missing = await s.api('POST', '/api/prompts/greet/render', { body: { variables: {} } });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatchObject({ code: 'PROMPT_VARIABLE_MISSING', details: { missing: ['name'] } });
      expect((await s.api('POST', '/api/prompts/greet/render', { body: { label: 'nope', variables: { name: 'a' } } })).body.error).toMatchObject({ code: 'PROMPT_VERSION_NOT_FOUND' });
      expect((await s.api('POST', '/api/prompts/greet/render', { body: { version: 9, variables: { name: 'a' } } })).status).toBe(404);
      expect((await s.api('POST', '/api/prompts/none/render', { body: { variables: {} } })).body.error).toMatchObject({ code: 'PROMPT_NOT_FOUND' });
      expect((await s.api('POST', '/api/prompts', { body: { name: 'greet', template: { text: 'x' } } })).body.error).toMatchObject({ code: 'ALREADY_EXISTS' });
      expect((await s.api('PUT', '/api/prompts/greet/labels/production', { body: { version: 3 } })).status).toBe(404);
      expect((await s.api('PUT', '/api/prompts/greet/labels/latest', { body: { version: 1 } })).status).toBe(409);
      const fewShot = await s.api('POST', '/api/prompts/greet/versions', { body: { kind: 'few_shot', template: { text: 'Hi {{name}}' }, variables: [{ name: 'name' }] } });
      expect(fewShot.body.error).toMatchObject({ code: 'PROMPT_TEMPLATE_INVALID' });
    });

    it('numbers concurrent versions without gaps', async () => {
      await s.api('POST', '/api/prompts', { body: { name: 'busy', template: { text: 'v0' } } });
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => s.api('POST', '/api/prompts/busy/versions', { body: { template: { text: `v${i + 1}` } } })));
      expect(results.map((r) => Number(r.body.version)).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });
}
