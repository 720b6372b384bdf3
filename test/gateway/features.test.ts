// Routes with revisions, weighted sticky routing, limits and budgets, the response cache, deprecation,
// feedback and provider management, through the HTTP API as a client and an operator use them.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];

for (const engine of ENGINES) {
  describe(`gateway features (${engine.name})`, () => {
    let fx: GatewayFixture;
    beforeAll(async () => {
      fx = await startGatewayFixture(engine);
    });
    afterAll(async () => {
      await fx?.close();
    });

    it('keeps every change of a route as a revision, audited, and serves the latest', async () => {
      const api = fx.steward.api;
      const created = await api('POST', '/api/routes', { body: { config: { name: 'bot', targets: [{ model: 'mock/gpt-4o-mini' }] }, reason: 'first' } });
      expect(created.status).toBe(201);
      expect(created.body.revision).toBe(1);
      expect((await api('POST', '/api/routes', { body: { config: { name: 'bot', targets: [{ model: 'mock/x' }] } } })).status).toBe(409);
      const updated = await api('PUT', '/api/routes/bot', { body: { config: { targets: [{ model: 'backup/gpt-4o' }] }, reason: 'move to backup' } });
      expect(updated.body.revision).toBe(2);
      await fx.client.chat.completions.create({ model: 'bot', messages });
      expect((fx.backup.requests.at(-1)?.body as { model?: string } | undefined)?.model).toBe('gpt-4o');
      const revisions = await api('GET', '/api/routes/bot/revisions');
      expect((revisions.body.data as { revision: number; reason: string }[]).map((r) => [r.revision, r.reason])).toEqual([[2, 'move to backup'], [1, 'first']]);
      expect((await api('GET', '/api/routes/bot/revisions/1')).body.config).toMatchObject({ targets: [{ model: 'mock/gpt-4o-mini' }] });
      const bad = await api('PUT', '/api/routes/bot', { body: { config: { policy: 'single', targets: [] } } });
      expect(bad.status).toBe(400);
      expect((await api('DELETE', '/api/routes/bot?reason=retired')).status).toBe(204);
      expect((await api('GET', '/api/routes/bot')).status).toBe(404);
      expect((await api('GET', '/api/routes/bot/revisions')).body.data).toHaveLength(3);
      const audit = await api('GET', '/api/audit?resourceType=route&limit=50');
      const actions = (audit.body.data as { action: string; resourceId: string }[]).filter((e) => e.resourceId === 'bot').map((e) => e.action);
      expect(actions).toEqual(['routes.create', 'routes.update', 'routes.delete']);
      const viewer = await api('POST', '/api/keys', { body: { name: 'v', role: 'viewer' } });
      expect((await api('POST', '/api/routes', { key: String(viewer.body.key), body: { config: { name: 'x', targets: [{ model: 'mock/x' }] } } })).status).toBe(403);
    });

    it('assigns a user to the same weighted target every time', async () => {
      await fx.steward.api('POST', '/api/routes', {
        body: { config: { name: 'ab', policy: 'weighted', sticky: 'user', targets: [{ model: 'mock/a', weight: 50 }, { model: 'backup/b', weight: 50 }] } },
      });
      const targetFor = async (user: string) => {
        const { response } = await fx.client.chat.completions.create({ model: 'ab', messages, user }).withResponse();
        const trace = await fx.steward.api('GET', `/api/traces/${response.headers.get('x-steward-trace-id')}`);
        return trace.body.provider as string;
      };
      const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
      const first = await Promise.all(users.map(targetFor));
      const second = await Promise.all(users.map(targetFor));
      expect(second).toEqual(first);
      expect(new Set(first).size).toBe(2);
    });

    it('limits requests per minute per route with OpenAI’s rate-limit headers', async () => {
      await fx.steward.api('POST', '/api/routes', { body: { config: { name: 'limited', targets: [{ model: 'mock/gpt-4o-mini' }], limits: { requestsPerMinute: 2 } } } });
      const ok = await fx.client.chat.completions.create({ model: 'limited', messages }).withResponse();
      expect(ok.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
      expect(ok.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
      await fx.client.chat.completions.create({ model: 'limited', messages });
      const refused = await fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'limited', messages } });
      expect(refused.status).toBe(429);
      expect(refused.body.error).toMatchObject({ code: 'rate_limited', type: 'rate_limit_exceeded' });
      expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      // OpenAI's duration format; a minute's window resets within 60 s (exactly 60 s reads `1m0s`).
      const reset = /^(?:(\d+)m)?(\d+)s$/.exec(refused.headers.get('x-ratelimit-reset-requests') ?? '');
      expect(reset).not.toBeNull();
      const resetSeconds = Number(reset?.[1] ?? 0) * 60 + Number(reset?.[2]);
      expect(resetSeconds).toBeGreaterThan(0);
      expect(resetSeconds).toBeLessThanOrEqual(60);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const error = await fx.client.chat.completions.create({ model: 'limited', messages }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      const usage = await fx.steward.api('GET', '/api/limits/routes/limited');
      expect(usage.body.usage).toMatchObject({ requests: { used: 2, limit: 2 } });
    });

    it('stops a key at its spend budget, costed from the price table', async () => {
      const key = await fx.steward.api('POST', '/api/keys', { body: { name: 'budgeted', role: 'service' } });
      const keyId = (key.body.record as { id: string }).id;
      expect((await fx.steward.api('PUT', '/api/prices', { body: { provider: 'backup', model: 'priced', inputPerMTok: 1_000_000, outputPerMTok: 1_000_000 } })).status).toBe(200);
      // $1 a token: a call of 29 tokens costs $29, and with max_tokens 10 its worst case is $45: the
      // second call is refused, since $31 are left.
      // Admission reserves that worst case and the answer settles the actual cost before it is sent.
      expect((await fx.steward.api('PUT', `/api/limits/keys/${keyId}`, { body: { budgetUsd: 60, budgetPeriod: 'day' } })).status).toBe(200);
      const client = new OpenAI({ apiKey: String(key.body.key), baseURL: `${fx.steward.url}/v1`, maxRetries: 0 });
      await client.chat.completions.create({ model: 'backup/priced', messages, max_tokens: 10 });
      const refused = await fx.steward.api('POST', '/v1/chat/completions', { key: String(key.body.key), body: { model: 'backup/priced', messages, max_tokens: 10 } });
      expect(refused.status).toBe(429);
      expect(refused.body.error).toMatchObject({ code: 'budget_exceeded', type: 'insufficient_quota' });
      const usage = await fx.steward.api('GET', `/api/limits/keys/${keyId}`);
      expect((usage.body.usage as { spendUsd: { used: number } }).spendUsd.used).toBe(29);
    });

    it('answers a repeated request from the cache, replays it as a stream, and honours bypass', async () => {
      await fx.steward.api('POST', '/api/routes', { body: { config: { name: 'cached', targets: [{ model: 'mock/gpt-4o-mini' }], cache: { enabled: true, ttlSeconds: 60 } } } });
      const body = { model: 'cached', messages: [{ role: 'user' as const, content: 'cache me' }] };
      const calls = fx.mock.requests.length;
      const first = await fx.client.chat.completions.create(body).withResponse();
      expect(first.response.headers.get('x-steward-cache')).toBe('miss');
      const second = await fx.client.chat.completions.create(body).withResponse();
      expect(second.response.headers.get('x-steward-cache')).toBe('hit');
      expect(second.data.choices[0].message.content).toBe(first.data.choices[0].message.content);
      expect(fx.mock.requests.length).toBe(calls + 1);
      const stream = await fx.client.chat.completions.create({ ...body, stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe(first.data.choices[0].message.content);
      expect(fx.mock.requests.length).toBe(calls + 1);
      const bypass = await fx.client.chat.completions.create(body, { headers: { 'x-steward-cache': 'bypass' } }).withResponse();
      expect(bypass.response.headers.get('x-steward-cache')).toBe('bypass');
      expect(fx.mock.requests.length).toBe(calls + 2);
      const trace = await fx.steward.api('GET', `/api/traces/${second.response.headers.get('x-steward-trace-id')}`);
      expect(trace.body.cacheHit).toBe(true);
    });

    it('announces deprecation with headers and answers 410 naming the replacement after the sunset', async () => {
      const day = 86_400_000;
      fx.steward.handle.services.gatewayServices.resolvers.unshift({
        async resolve(_projectId, name) {
          if (name === 'old-001') return { provider: 'mock', model: 'gpt-old', deprecation: { deprecatedAt: new Date(Date.now() - day).toISOString(), sunsetAt: new Date(Date.now() + day).toISOString(), replacement: 'new-002' } };
          if (name === 'gone-001') return { provider: 'mock', model: 'gpt-gone', deprecation: { sunsetAt: new Date(Date.now() - day).toISOString(), replacement: 'new-002' } };
          return null;
        },
      });
      const { response } = await fx.client.chat.completions.create({ model: 'old-001', messages }).withResponse();
      expect(response.headers.get('deprecation')).toMatch(/^@\d+$/);
      expect(response.headers.get('sunset')).toBeTruthy();
      expect(response.headers.get('link')).toBe('<new-002>; rel="successor-version"');
      const gone = await fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'gone-001', messages } });
      expect(gone.status).toBe(410);
      expect(gone.body.error).toMatchObject({ code: 'model_discontinued', param: 'model' });
      expect((gone.body.error as { message: string }).message).toContain('new-002');
    });

    it('attaches feedback to a trace and refuses an unknown trace', async () => {
      const { response } = await fx.client.chat.completions.create({ model: 'mock/gpt-4o-mini', messages }).withResponse();
      const traceId = response.headers.get('x-steward-trace-id');
      const given = await fx.steward.api('POST', '/api/feedback', { body: { traceId, thumb: 'down', rating: 2, correction: 'Better answer', source: 'annotator', annotator: 'ann-1' } });
      expect(given.status).toBe(201);
      const trace = await fx.steward.api('GET', `/api/traces/${traceId}`);
      expect(trace.body.feedback).toMatchObject([{ thumb: 'down', rating: 2, correction: 'Better answer', source: 'annotator' }]);
      expect((await fx.steward.api('POST', '/api/feedback', { body: { traceId: 'trace_nope', thumb: 'up' } })).status).toBe(404);
      expect((await fx.steward.api('POST', '/api/feedback', { body: { traceId, rating: 9 } })).status).toBe(400);
    });

    it('filters and pages traces', async () => {
      const page1 = await fx.steward.api('GET', '/api/traces?limit=2&status=ok');
      expect(page1.body.data).toHaveLength(2);
      const cursor = String(page1.body.next_cursor);
      const page2 = await fx.steward.api('GET', `/api/traces?limit=2&status=ok&cursor=${cursor}`);
      const ids1 = (page1.body.data as { id: string }[]).map((t) => t.id);
      const ids2 = (page2.body.data as { id: string }[]).map((t) => t.id);
      expect(ids2.some((id) => ids1.includes(id))).toBe(false);
      const byRoute = await fx.steward.api('GET', '/api/traces?route=cached');
      expect((byRoute.body.data as { route: string }[]).every((t) => t.route === 'cached')).toBe(true);
      expect((await fx.steward.api('GET', '/api/traces?status=bogus')).status).toBe(400);
    });

    it('configures a provider through the API, never returning its key', async () => {
      const created = await fx.steward.api('POST', '/api/providers', { body: { name: 'extra', family: 'openai', baseUrl: fx.mock.url, apiKey: 'sk-mock' } });
      expect(created.status).toBe(201);
      expect(created.text).not.toContain('sk-mock');
      expect(created.body).toMatchObject({ name: 'extra', source: 'api', hasApiKey: true });
      const answer = await fx.client.chat.completions.create({ model: 'extra/gpt-4o-mini', messages });
      expect(answer.choices[0].message.content).toBeTruthy();
      const list = await fx.steward.api('GET', '/api/providers');
      expect(list.text).not.toContain('sk-mock');
      expect((list.body.data as { name: string; source: string }[]).map((p) => `${p.name}:${p.source}`)).toEqual(expect.arrayContaining(['mock:config', 'extra:api']));
      expect((await fx.steward.api('POST', '/api/providers', { body: { name: 'mock', family: 'openai', baseUrl: fx.mock.url } })).status).toBe(409);
      expect((await fx.steward.api('POST', '/api/providers', { body: { name: 'bad name!', family: 'openai', baseUrl: 'x' } })).status).toBe(400);
      expect((await fx.steward.api('DELETE', '/api/providers/extra')).status).toBe(204);
      const gone = await fx.client.chat.completions.create({ model: 'extra/gpt-4o-mini', messages }).catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
    });

    it('exposes gateway metrics', async () => {
      const metrics = await fetch(`${fx.steward.url}/metrics`, { headers: { authorization: `Bearer ${fx.steward.adminKey}` } }).then((r) => r.text());
      expect(metrics).toMatch(/steward_gateway_requests_total\{[^}]*status="ok"[^}]*\} \d+/);
      expect(metrics).toContain('steward_gateway_retries_total');
      expect(metrics).toMatch(/steward_gateway_cache_total\{project="[^"]+",route="cached",result="hit"\} [1-9]/);
      expect(metrics).toContain('steward_gateway_overhead_seconds_bucket');
    });
  });
}
