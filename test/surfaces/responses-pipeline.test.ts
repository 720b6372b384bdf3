// /v1/responses runs through the same gateway pipeline as chat completions: a route names the model,
// its request limit answers 429 in OpenAI's shape, its cache answers a repeated request, upstream
// redaction masks personal data before it leaves — for a translated and for a native upstream alike.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

for (const engine of ENGINES) {
  describe(`/v1/responses through routes, limits, cache and redaction (${engine.name})`, () => {
    let steward: TestSteward;
    let client: OpenAI;
    let chatOnly: StandIn;
    let nativeUpstream: StandIn;

    beforeAll(async () => {
      [chatOnly, nativeUpstream] = await Promise.all([startOpenAiStandIn(), startOpenAiStandIn({ responses: true })]);
      steward = await startTestSteward(engine, {
        // A still clock: the per-minute request window cannot roll over between the calls of the limit test.
        now: () => Date.UTC(2026, 0, 1, 12, 0, 30),
        overrides: {
          providers: [
            { name: 'mock', family: 'openai', baseUrl: chatOnly.url, apiKey: 'sk-mock' },
            { name: 'native', family: 'openai', baseUrl: nativeUpstream.url, apiKey: 'sk-native', responses: 'native' },
          ],
        },
      });
      const key = String((await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } })).body.key);
      client = new OpenAI({ baseURL: `${steward.url}/v1`, apiKey: key, maxRetries: 0 });
      for (const config of [
        { name: 'limited', targets: [{ model: 'mock/gpt-4o-mini' }], limits: { requestsPerMinute: 2 } },
        { name: 'cached', targets: [{ model: 'mock/gpt-4o-mini' }], cache: { enabled: true, ttlSeconds: 60 } },
        { name: 'private', targets: [{ model: 'mock/gpt-4o-mini' }], privacy: { redactUpstream: true } },
        { name: 'private-native', targets: [{ model: 'native/gpt-4o-mini' }], privacy: { redactUpstream: true } },
      ]) {
        const created = await steward.api('POST', '/api/routes', { body: { config } });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
      }
    });
    afterAll(async () => {
      await steward?.close();
      await Promise.all([chatOnly?.close(), nativeUpstream?.close()]);
    });

    it("counts responses against the route's request limit: the third is a 429 in OpenAI's shape", async () => {
      await client.responses.create({ model: 'limited', input: 'one' });
      await client.responses.create({ model: 'limited', input: 'two', stream: true }).then(async (stream) => {
        for await (const _event of stream);
      });
      const refused = await client.responses.create({ model: 'limited', input: 'three' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OpenAI.APIError);
      expect(refused).toMatchObject({ status: 429, error: { type: 'rate_limit_exceeded' } });
    });

    it("answers a repeated request from the route's cache, each time as a new stored response", async () => {
      const first = await client.responses.create({ model: 'cached', input: 'cache me' }).withResponse();
      const calls = chatOnly.requests.length;
      const second = await client.responses.create({ model: 'cached', input: 'cache me' }).withResponse();
      expect(first.response.headers.get('x-steward-cache')).toBe('miss');
      expect(second.response.headers.get('x-steward-cache')).toBe('hit');
      expect(chatOnly.requests.length).toBe(calls);
      expect(second.data.output_text).toBe(first.data.output_text);
      expect(second.data.id).not.toBe(first.data.id);
      expect((await client.responses.retrieve(second.data.id)).output_text).toBe(first.data.output_text);
    });

    it("renders a route's bound prompt from variables into the first input items", async () => {
      const prompt = await steward.api('POST', '/api/prompts', {
        body: { name: 'greet', template: { messages: [{ role: 'system', content: 'You greet {{who}}.' }, { role: 'user', content: 'Say hi to {{who}}' }] }, variables: [{ name: 'who' }], labels: ['production'] },
      });
      expect(prompt.status, JSON.stringify(prompt.body)).toBe(201);
      expect((await steward.api('POST', '/api/routes', { body: { config: { name: 'greeter', targets: [{ model: 'mock/gpt-4o-mini' }], prompt: { name: 'greet', label: 'production' } } } })).status).toBe(201);
      const response = await steward.api('POST', '/v1/responses', { key: client.apiKey, body: { model: 'greeter', variables: { who: 'Ada' }, input: 'And be quick.' } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect((chatOnly.requests.at(-1)!.body as { messages: unknown[] }).messages).toEqual([
        { role: 'system', content: 'You greet Ada.' },
        { role: 'user', content: 'Say hi to Ada' },
        { role: 'user', content: 'And be quick.' },
      ]);
    });

    it('redacts personal data before it goes upstream, translated or native', async () => {
      await client.responses.create({ model: 'private', input: 'Mail jane.doe@example.com please' });
      const translated = JSON.stringify(chatOnly.requests.at(-1)?.body);
      expect(translated).not.toContain('jane.doe@example.com');
      await client.responses.create({ model: 'private-native', input: [{ role: 'user', content: [{ type: 'input_text', text: 'Mail jane.doe@example.com please' }] }] });
      const native = nativeUpstream.requests.at(-1);
      expect(native?.path).toBe('/v1/responses');
      expect(JSON.stringify(native?.body)).not.toContain('jane.doe@example.com');
    });
  });
}
