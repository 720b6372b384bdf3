// /v1/messages runs through the same gateway as chat: a route's fallback (Anthropic down → an
// OpenAI-compatible target answers, translated), its cache (a second identical call is a hit, the
// stream replays it), its limits (429 rate_limit_error), upstream redaction (the Anthropic upstream
// gets the redacted conversation, never the original), and a route's prompt.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startAnthropicStandIn, startOpenAiStandIn } from '../stand-ins/index.js';

for (const engine of ENGINES) {
  describe(`/v1/messages through the gateway's pipeline (${engine.name})`, () => {
    let steward: TestSteward;
    let client: Anthropic;
    let openai: StandIn;
    let anthropic: StandIn;

    const route = async (config: Record<string, unknown>) => {
      const created = await steward.api('POST', '/api/routes', { body: { config } });
      expect(created.status).toBe(201);
    };
    const traceOf = async (traceId: string | null) => {
      await steward.handle.services.gatewayServices.traceWriter.flush();
      return (await steward.api('GET', `/api/traces/${traceId}`)).body;
    };

    beforeAll(async () => {
      [openai, anthropic] = await Promise.all([startOpenAiStandIn(), startAnthropicStandIn()]);
      steward = await startTestSteward(engine, {
        overrides: {
          providers: [
            { name: 'mock', family: 'openai', baseUrl: openai.url, apiKey: 'sk-mock' },
            { name: 'claude', family: 'anthropic', baseUrl: anthropic.url, apiKey: 'sk-ant-test' },
          ],
          gateway: { retry: { maxRetries: 0 }, traces: { flushMs: 20 } },
        },
      });
      const key = String((await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } })).body.key);
      client = new Anthropic({ baseURL: steward.url, apiKey: key, maxRetries: 0 });
    });
    afterAll(async () => {
      await steward?.close();
      await Promise.all([openai?.close(), anthropic?.close()]);
    });

    it('falls back from a failing Anthropic target to an OpenAI-compatible one, translated', async () => {
      await route({ name: 'claude-first', policy: 'fallback', retry: { maxRetries: 0 }, targets: [{ model: 'claude/claude-sonnet-4-5' }, { model: 'mock/gpt-4o-mini' }] });
      anthropic.setBehaviour({ mode: 'fail', status: 529 }, { times: 1 });
      const before = openai.requests.length;
      const { data, response } = await client.messages.create({ model: 'claude-first', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
      expect(data.content[0]?.type).toBe('text');
      expect(openai.requests.length).toBe(before + 1);
      const trace = await traceOf(response.headers.get('x-steward-trace-id'));
      expect(trace).toMatchObject({ status: 'ok', provider: 'mock', route: 'claude-first', surface: { name: 'messages', translated: true } });
      expect((trace.attempts as { provider: string; status: number | null }[]).map((a) => [a.provider, a.status])).toEqual([
        ['claude', 529],
        ['mock', 200],
      ]);
    });

    it("answers a repeated request from the route's cache, also as a stream", async () => {
      await route({ name: 'cached-claude', targets: [{ model: 'claude/claude-sonnet-4-5' }], cache: { enabled: true, ttlSeconds: 60 } });
      const body = { model: 'cached-claude', max_tokens: 16, messages: [{ role: 'user' as const, content: 'cache me' }] };
      const first = await client.messages.create(body).withResponse();
      expect(first.response.headers.get('x-steward-cache')).toBe('miss');
      // The cache write happens off the request path: ask again until it landed (bounded).
      let second = await client.messages.create(body).withResponse();
      for (let i = 0; i < 50 && second.response.headers.get('x-steward-cache') !== 'hit'; i++) second = await client.messages.create(body).withResponse();
      expect(second.response.headers.get('x-steward-cache')).toBe('hit');
      expect(second.data.content).toEqual(first.data.content);
      const upstreamCalls = anthropic.requests.length;
      const replay = await client.messages.stream(body).finalMessage();
      expect(replay.content.filter((b) => b.type === 'text').map((b) => b.text).join('')).toBe((first.data.content[0] as Anthropic.TextBlock).text);
      expect(anthropic.requests.length).toBe(upstreamCalls);
    });

    it("refuses past a route's request limit with 429 rate_limit_error", async () => {
      await route({ name: 'limited-claude', targets: [{ model: 'claude/claude-sonnet-4-5' }], limits: { requestsPerMinute: 1 } });
      // A minute window: of three calls in a row at most two can fall into different minutes.
      const outcomes: unknown[] = [];
      for (const content of ['one', 'two', 'three']) {
        outcomes.push(await client.messages.create({ model: 'limited-claude', max_tokens: 16, messages: [{ role: 'user', content }] }).catch((e: unknown) => e));
      }
      const error = outcomes.find((o) => o instanceof Error);
      expect(error).toBeInstanceOf(Anthropic.RateLimitError);
      expect(((error as InstanceType<typeof Anthropic.RateLimitError>).error as { error: { type: string } }).error.type).toBe('rate_limit_error');
    });

    it("renders a route's prompt into the conversation an Anthropic upstream gets, and traces its version", async () => {
      const prompt = await steward.api('POST', '/api/prompts', {
        body: { name: 'greet', template: { messages: [{ role: 'system', content: 'You greet {{who}}.' }] }, variables: [{ name: 'who' }], labels: ['production'] },
      });
      expect(prompt.status).toBe(201);
      await route({ name: 'greeter', targets: [{ model: 'claude/claude-sonnet-4-5' }], prompt: { name: 'greet', label: 'production' } });
      const response = await fetch(`${steward.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': String(client.apiKey), 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'greeter', max_tokens: 16, variables: { who: 'Ada' }, messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(response.status).toBe(200);
      const sent = anthropic.requests.at(-1)?.body as Record<string, unknown>;
      expect(sent.system).toEqual([{ type: 'text', text: 'You greet Ada.' }]);
      expect(sent.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
      expect(sent).not.toHaveProperty('variables');
      const trace = await traceOf(response.headers.get('x-steward-trace-id'));
      expect(trace.promptVersionId).toBeTruthy();
      expect(trace.surface).toEqual({ name: 'messages', translated: true });
    });

    it('redacts upstream: the Anthropic upstream gets the redacted conversation, and the trace no original', async () => {
      await route({ name: 'private-claude', targets: [{ model: 'claude/claude-sonnet-4-5' }], privacy: { redactUpstream: true, redactStored: true } });
      const { response } = await client.messages
        .create({ model: 'private-claude', max_tokens: 16, system: 'Write to jane.doe@example.com', messages: [{ role: 'user', content: 'My email is jane.doe@example.com' }] })
        .withResponse();
      const sent = JSON.stringify(anthropic.requests.at(-1)?.body);
      expect(sent).not.toContain('jane.doe@example.com');
      expect(sent).toContain('"max_tokens":16');
      const trace = await traceOf(response.headers.get('x-steward-trace-id'));
      expect(JSON.stringify(trace)).not.toContain('jane.doe@example.com');
      expect(trace.surface).toEqual({ name: 'messages', translated: true });
    });
  });
}
