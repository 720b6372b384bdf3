// The data plane through the official OpenAI client: chat (plain and streamed), completions,
// embeddings, models, and the OpenAI-shaped errors, each answer carrying its trace id.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

for (const engine of ENGINES) {
  describe(`gateway data plane (${engine.name})`, () => {
    let fx: GatewayFixture;
    beforeAll(async () => {
      fx = await startGatewayFixture(engine);
    });
    afterAll(async () => {
      await fx?.close();
    });

    it('answers a chat completion through the official client and records its trace', async () => {
      const { data, response } = await fx.client.chat.completions
        .create({ model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], user: 'jane@example.com', temperature: 0.2 })
        .withResponse();
      expect(data.choices[0].message.content).toBeTruthy();
      expect(data.model).toBe('gpt-4o-mini');
      const traceId = response.headers.get('x-steward-trace-id');
      expect(traceId).toMatch(/^trace_/);
      expect(Number(response.headers.get('x-steward-overhead-ms'))).toBeGreaterThanOrEqual(0);
      const upstream = fx.mock.requests.at(-1);
      expect(upstream?.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2 });
      expect(upstream?.headers.authorization).toBe('Bearer sk-mock');

      const trace = await fx.steward.api('GET', `/api/traces/${traceId}`);
      expect(trace.status).toBe(200);
      expect(trace.body).toMatchObject({ status: 'ok', provider: 'mock', model: 'gpt-4o-mini', requestedModel: 'mock/gpt-4o-mini', stream: false, cacheHit: false });
      expect(trace.body.tokensIn).toBe(data.usage?.prompt_tokens);
      expect(trace.body.user).toMatch(/^usr_/);
      expect(JSON.stringify(trace.body.request)).not.toContain('jane@example.com');
      expect((trace.body.attempts as unknown[]).length).toBe(1);
    });

    it('streams a chat completion with usage, ending cleanly', async () => {
      const stream = await fx.client.chat.completions.create({
        model: 'mock/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hello' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text.length).toBeGreaterThan(0);
      expect(usage?.total_tokens).toBeGreaterThan(0);
    });

    it('hides the usage chunk when the client did not ask for it, yet still counts tokens', async () => {
      const stream = await fx.client.chat.completions.create({ model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.every((c) => c.choices.length > 0 && !c.usage)).toBe(true);
      expect((fx.mock.requests.at(-1)?.body as { stream_options?: unknown } | undefined)?.stream_options).toEqual({ include_usage: true });
      await fx.steward.handle.services.gatewayServices.traceWriter.flush();
      const latest = await fx.steward.api('GET', '/api/traces?limit=1');
      const row = latest.body.data?.[0] as { stream: boolean; tokensOut: number };
      expect(row.stream).toBe(true);
      expect(row.tokensOut).toBeGreaterThan(0);
    });

    it('answers text completions and embeddings', async () => {
      const completion = await fx.client.completions.create({ model: 'mock/gpt-3.5-turbo-instruct', prompt: 'Say hi' });
      expect(completion.choices[0].text.length).toBeGreaterThan(0);
      const embeddings = await fx.client.embeddings.create({ model: 'mock/text-embedding-3-small', input: ['a', 'b'] });
      expect(embeddings.data).toHaveLength(2);
      expect(embeddings.data[1].embedding.length).toBeGreaterThan(0);
    });

    it('lists routes and provider models', async () => {
      await fx.steward.api('POST', '/api/routes', { body: { config: { name: 'support-bot', targets: [{ model: 'mock/gpt-4o-mini' }] } } });
      const models = await fx.client.models.list();
      const ids = models.data.map((m) => m.id);
      expect(ids).toContain('support-bot');
      expect(ids.some((id) => id.startsWith('mock/'))).toBe(true);
      const one = await fx.client.models.retrieve('support-bot');
      expect(one.owned_by).toBe('steward-route');
    });

    it('answers an unknown model with 404 in OpenAI’s shape, through the client too', async () => {
      const error = await fx.client.chat.completions.create({ model: 'nope/nothing', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      const raw = await fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'nope', messages: [{ role: 'user', content: 'x' }] } });
      expect(raw.status).toBe(404);
      expect(raw.body.error).toMatchObject({ type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
      expect(raw.headers.get('x-steward-trace-id')).toMatch(/^trace_/);
      const streamed = await fx.client.chat.completions.create({ model: 'nope/x', messages: [{ role: 'user', content: 'x' }], stream: true }).catch((e: unknown) => e);
      expect(streamed).toBeInstanceOf(OpenAI.NotFoundError);
    });

    it('refuses bad input with clear 4xx errors, never a 500', async () => {
      const post = (body: unknown, headers?: Record<string, string>) => fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body, headers });
      const malformed = await post('{"model": "mock/x", ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toMatchObject({ code: 'bad_json' });
      const wrongType = await post({ model: 'mock/x', messages: 'hello' });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error).toMatchObject({ param: 'messages', type: 'invalid_request_error' });
      const negative = await post({ model: 'mock/x', messages: [{ role: 'user', content: 'x' }], max_tokens: -5 });
      expect(negative.status).toBe(400);
      expect((negative.body.error as { param: string }).param).toBe('max_tokens');
      const big = await post({ model: 'mock/x', messages: [{ role: 'user', content: 'x'.repeat(9 * 1024 * 1024) }] });
      expect(big.status).toBe(413);
      const unauthenticated = await fx.steward.api('POST', '/v1/chat/completions', { key: null, body: { model: 'mock/x', messages: [] } });
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers.get('x-steward-trace-id')).toMatch(/^trace_/);
      expect(unauthenticated.body.error).toMatchObject({ type: 'authentication_error' });
      const viaClient = await fx.client.chat.completions.create({ model: 'mock/x', messages: [{ role: 'user', content: 'x' }], max_tokens: -1 }).catch((e: unknown) => e);
      expect(viaClient).toBeInstanceOf(OpenAI.BadRequestError);
      const viaClientStream = await fx.client.chat.completions.create({ model: 'mock/x', messages: [], stream: true }).catch((e: unknown) => e);
      expect(viaClientStream).toBeInstanceOf(OpenAI.BadRequestError);
    });

    it('passes an upstream 400 through with its message', async () => {
      fx.mock.setBehaviour({ mode: 'fail', status: 400, body: { error: { message: 'Invalid value for logit_bias', type: 'invalid_request_error', param: 'logit_bias', code: null } } }, { times: 1 });
      const error = await fx.client.chat.completions.create({ model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as Error).message).toContain('logit_bias');
    });
  });
}
