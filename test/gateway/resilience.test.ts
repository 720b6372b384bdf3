// Retries, fallbacks, circuit breaking, throttling and streams that fail, as a client sees them.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];

for (const engine of ENGINES) {
  describe(`gateway resilience (${engine.name})`, () => {
    let fx: GatewayFixture;
    // The gateway's clock: a test moves it past `openMs` instead of sleeping, so an open circuit
    // stays open however slow the machine is until the test says time has passed.
    let skewMs = 0;
    beforeAll(async () => {
      fx = await startGatewayFixture(engine, { now: () => Date.now() + skewMs, gateway: { circuitBreaker: { failureThreshold: 3, openMs: 60_000 }, concurrency: { perTarget: 1, maxQueue: 0 } } });
      const put = (config: Record<string, unknown>) => fx.steward.api('POST', '/api/routes', { body: { config } });
      expect((await put({ name: 'chain', policy: 'fallback', targets: [{ model: 'mock/gpt-4o-mini' }, { model: 'backup/gpt-4o' }], retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10 } })).status).toBe(201);
      expect((await put({ name: 'solo', targets: [{ model: 'mock/gpt-4o-mini' }], retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 10 } })).status).toBe(201);
    });
    afterAll(async () => {
      await fx?.close();
    });

    const traceOf = async (id: string | null) => (await fx.steward.api('GET', `/api/traces/${id}`)).body as { attempts: { provider: string; outcome: string; status: number | null }[]; provider: string; status: string; errorCode: string | null };

    it('retries a 503 with backoff and succeeds on the same target', async () => {
      fx.mock.setBehaviour({ mode: 'fail', status: 503 }, { times: 1 });
      const { response } = await fx.client.chat.completions.create({ model: 'solo', messages }).withResponse();
      const trace = await traceOf(response.headers.get('x-steward-trace-id'));
      expect(trace.attempts.map((a) => a.status)).toEqual([503, 200]);
      expect(trace.provider).toBe('mock');
    });

    it('falls back to the next target when the first keeps failing', async () => {
      const before = fx.backup.requests.length;
      fx.mock.setBehaviour({ mode: 'fail', status: 500 }, { times: 2 });
      const { data, response } = await fx.client.chat.completions.create({ model: 'chain', messages }).withResponse();
      expect(data.choices[0].message.content).toBeTruthy();
      expect(fx.backup.requests.length).toBe(before + 1);
      const trace = await traceOf(response.headers.get('x-steward-trace-id'));
      expect(trace.attempts.map((a) => `${a.provider}:${a.status}`)).toEqual(['mock:500', 'mock:500', 'backup:200']);
    });

    it('answers 502 in OpenAI’s shape when every target fails, and the client sees an InternalServerError', async () => {
      fx.mock.setBehaviour({ mode: 'fail', status: 500 }, { times: 2 });
      const error = await fx.client.chat.completions.create({ model: 'mock/model-a', messages }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
      fx.mock.setBehaviour({ mode: 'ok' });
    });

    it('falls back transparently when a stream fails before its first token', async () => {
      fx.mock.setBehaviour({ mode: 'fail', status: 503 }, { times: 2 });
      const stream = await fx.client.chat.completions.create({ model: 'chain', messages, stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text.length).toBeGreaterThan(0);
    });

    it('ends a stream that breaks mid-way with an error event the official client throws, and records it', async () => {
      fx.mock.setBehaviour({ mode: 'error-event', afterEvents: 2 }, { times: 1 });
      const { data: stream, response } = await fx.client.chat.completions.create({ model: 'mock/model-b', messages, stream: true }).withResponse();
      let received = 0;
      const error = await (async () => {
        for await (const _chunk of stream) received++;
      })().catch((e: unknown) => e);
      expect(received).toBeGreaterThan(0);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as Error).message).toMatch(/failed mid-stream|server had an error/i);
      const trace = await traceOf(response.headers.get('x-steward-trace-id'));
      expect(trace.status).toBe('error');
      expect(trace.errorCode).toBe('UPSTREAM_ERROR');

      fx.mock.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 }, { times: 1 });
      const raw = await fetch(`${fx.steward.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fx.serviceKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock/model-c', messages, stream: true }),
      });
      const text = await raw.text();
      expect(text).toContain('"error"');
      expect(text).not.toContain('[DONE]');
    });

    it('opens the circuit after repeated failures, answers 503 with retry-after, and closes it after a probe', async () => {
      fx.mock.setBehaviour({ mode: 'fail', status: 500 });
      for (let i = 0; i < 2; i++) await fx.client.chat.completions.create({ model: 'mock/gpt-4o-mini', messages }).catch(() => undefined);
      const calls = fx.mock.requests.length;
      const open = await fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'mock/gpt-4o-mini', messages } });
      expect(open.status).toBe(503);
      expect(open.headers.get('retry-after')).toBeTruthy();
      expect(fx.mock.requests.length).toBe(calls);
      fx.mock.setBehaviour({ mode: 'ok' });
      skewMs += 61_000;
      const probe = await fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'mock/gpt-4o-mini', messages } });
      expect(probe.status).toBe(200);
    });

    it('refuses with 429 and retry-after when a target’s slots and queue are full', async () => {
      fx.backup.setBehaviour({ mode: 'slow', delayMs: 3_000 }, { times: 1 });
      const before = fx.backup.requests.length;
      const slow = fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'backup/gpt-4o', messages } });
      // The slot is held once the slow request has reached the upstream: wait for that, not for a time.
      await vi.waitFor(() => expect(fx.backup.requests.length).toBe(before + 1), { timeout: 10_000, interval: 5 });
      const refused = await fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'backup/gpt-4o', messages } });
      expect(refused.status).toBe(429);
      expect(refused.body.error).toMatchObject({ code: 'queue_full', type: 'rate_limit_exceeded' });
      expect(refused.headers.get('retry-after')).toBe('1');
      expect((await slow).status).toBe(200);
    });

    it('times out an attempt that hangs (504) within the route’s budget', async () => {
      await fx.steward.api('PUT', '/api/routes/hang', { body: { config: { name: 'hang', targets: [{ model: 'mock/gpt-4o-mini' }], retry: { maxRetries: 0 }, timeouts: { attemptMs: 200 } } } });
      fx.mock.setBehaviour({ mode: 'hang' }, { times: 1 });
      const started = Date.now();
      const error = await fx.client.chat.completions.create({ model: 'hang', messages }).catch((e: unknown) => e);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });
}
