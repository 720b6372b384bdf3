// The Anthropic Messages API (/v1/messages, /v1/messages/count_tokens) through the official
// @anthropic-ai/sdk, unchanged: create, stream (final message, text events, tool use), countTokens,
// with apiKey (x-api-key) and authToken (Bearer) — against the Anthropic stand-in (passed through
// natively), a chat-only OpenAI-compatible stand-in and the builtin model (translated). Errors in
// Anthropic's shape; a stream cut mid-way ends with an error event the SDK raises.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startAnthropicStandIn, startOpenAiStandIn } from '../stand-ins/index.js';

const TEXT_MODELS = ['claude/claude-sonnet-4-5', 'mock/gpt-4o-mini', 'builtin/steward-mini'] as const;
const TOOL_MODELS = ['claude/claude-sonnet-4-5', 'mock/gpt-4o-mini'] as const;
const WEATHER_TOOL: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather in a city',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

interface RawAnswer {
  status: number;
  body: { type?: string; error?: { type: string; message: string } } & Record<string, unknown>;
  text: string;
}

for (const engine of ENGINES) {
  describe(`/v1/messages through @anthropic-ai/sdk (${engine.name})`, () => {
    let steward: TestSteward;
    let key: string;
    let client: Anthropic;
    let bearerClient: Anthropic;
    let openai: StandIn;
    let anthropic: StandIn;

    const raw = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> => {
      const response = await fetch(`${steward.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01', ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: RawAnswer['body'] = {};
      try {
        parsed = JSON.parse(text) as RawAnswer['body'];
      } catch {
        parsed = {};
      }
      return { status: response.status, body: parsed, text };
    };
    const traceOf = async (traceId: string | null) => {
      await steward.handle.services.gatewayServices.traceWriter.flush();
      return (await steward.api('GET', `/api/traces/${traceId}`)).body;
    };

    beforeAll(async () => {
      [openai, anthropic] = await Promise.all([startOpenAiStandIn({ apiKey: 'sk-mock' }), startAnthropicStandIn({ apiKey: 'sk-ant-test' })]);
      steward = await startTestSteward(engine, {
        overrides: {
          providers: [
            { name: 'mock', family: 'openai', baseUrl: openai.url, apiKey: 'sk-mock' },
            { name: 'claude', family: 'anthropic', baseUrl: anthropic.url, apiKey: 'sk-ant-test' },
          ],
          gateway: { retry: { maxRetries: 0 }, traces: { flushMs: 20 } },
        },
      });
      key = String((await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } })).body.key);
      client = new Anthropic({ baseURL: steward.url, apiKey: key, maxRetries: 0 });
      bearerClient = new Anthropic({ baseURL: steward.url, apiKey: null, authToken: key, maxRetries: 0 });
    });
    afterAll(async () => {
      await steward?.close();
      await Promise.all([openai?.close(), anthropic?.close()]);
    });

    for (const model of TEXT_MODELS) {
      it(`messages.create answers from ${model} with a Message, traced`, async () => {
        const { data, response } = await client.messages
          .create({ model, max_tokens: 16, system: 'Be brief.', messages: [{ role: 'user', content: 'Say hello' }], metadata: { user_id: 'jane@example.com' } })
          .withResponse();
        expect(data.type).toBe('message');
        expect(data.role).toBe('assistant');
        expect(data.id).toMatch(/^msg_/);
        const text = data.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
        expect(text.length).toBeGreaterThan(0);
        expect(['end_turn', 'max_tokens']).toContain(data.stop_reason);
        expect(data.usage.input_tokens).toBeGreaterThan(0);
        expect(data.usage.output_tokens).toBeGreaterThan(0);
        const trace = await traceOf(response.headers.get('x-steward-trace-id'));
        expect(trace).toMatchObject({ status: 'ok', requestedModel: model, stream: false });
        // The surface is recorded, and whether the answering target got the body as sent.
        expect(trace.surface).toEqual({ name: 'messages', translated: !model.startsWith('claude') });
        expect(trace.tokensOut).toBe(data.usage.output_tokens);
        expect(JSON.stringify(trace)).not.toContain('jane@example.com');
      });

      it(`messages.stream from ${model}: text events add up to the final message`, async () => {
        const stream = client.messages.stream({ model, max_tokens: 16, messages: [{ role: 'user', content: 'Say hello' }] });
        let streamed = '';
        const types: string[] = [];
        stream.on('text', (delta) => {
          streamed += delta;
        });
        stream.on('streamEvent', (event) => {
          types.push(event.type);
        });
        const final = await stream.finalMessage();
        const text = final.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
        expect(text.length).toBeGreaterThan(0);
        expect(streamed).toBe(text);
        expect(types[0]).toBe('message_start');
        expect(types).toContain('content_block_start');
        expect(types).toContain('content_block_delta');
        expect(types).toContain('content_block_stop');
        expect(types.at(-2)).toBe('message_delta');
        expect(types.at(-1)).toBe('message_stop');
        expect(['end_turn', 'max_tokens']).toContain(final.stop_reason);
        expect(final.usage.output_tokens).toBeGreaterThan(0);
      });

      it(`the raw stream from ${model} is Anthropic's event sequence, ping included`, async () => {
        const answer = await raw('/v1/messages', { model, max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'Say hello' }] });
        expect(answer.status).toBe(200);
        const names = [...answer.text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
        expect(names.slice(0, 1)).toEqual(['message_start']);
        expect(names).toContain('ping');
        expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
        const delta = answer.text.split('\n').find((line) => line.startsWith('data: {"type":"message_delta"'));
        expect(JSON.parse(delta?.slice(6) ?? '{}')).toMatchObject({ delta: { stop_reason: expect.any(String) }, usage: { output_tokens: expect.any(Number) } });
      });

      it(`messages.countTokens counts for ${model}`, async () => {
        const counted = await client.messages.countTokens({ model, system: 'Be brief.', messages: [{ role: 'user', content: 'Say hello to the whole wide world' }] });
        expect(counted.input_tokens).toBeGreaterThan(0);
        const longer = await client.messages.countTokens({ model, messages: [{ role: 'user', content: 'Say hello to the whole wide world '.repeat(20) }] });
        expect(longer.input_tokens).toBeGreaterThan(counted.input_tokens);
      });
    }

    it('authToken (Authorization: Bearer) works as well as apiKey (x-api-key)', async () => {
      const message = await bearerClient.messages.create({ model: 'mock/gpt-4o-mini', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });
      expect(message.content[0]?.type).toBe('text');
      const counted = await bearerClient.messages.countTokens({ model: 'claude/claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] });
      expect(counted.input_tokens).toBeGreaterThan(0);
      const wrong = new Anthropic({ baseURL: steward.url, apiKey: 'sk-stw-not-a-key', maxRetries: 0 });
      const error = await wrong.messages.create({ model: 'mock/gpt-4o-mini', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
      expect((error as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    });

    for (const model of TOOL_MODELS) {
      it(`a tool round trip with ${model}: tool_use, then tool_result, create and stream`, async () => {
        const first = await client.messages.create({
          model,
          max_tokens: 64,
          tools: [WEATHER_TOOL],
          tool_choice: { type: 'auto' },
          messages: [{ role: 'user', content: 'Weather in San Francisco?' }],
        });
        expect(first.stop_reason).toBe('tool_use');
        const use = first.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
        // Each stand-in answers with its recorded tool call.
        const toolName = model.startsWith('claude') ? 'get_weather' : 'get_current_weather';
        expect(use?.name).toBe(toolName);
        expect(typeof use?.input).toBe('object');

        const stream = client.messages.stream({ model, max_tokens: 64, tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'Weather in San Francisco?' }] });
        let json = '';
        stream.on('inputJson', (delta) => {
          json += delta;
        });
        const final = await stream.finalMessage();
        const streamedUse = final.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
        expect(final.stop_reason).toBe('tool_use');
        expect(streamedUse?.name).toBe(toolName);
        expect(streamedUse?.input).toEqual(JSON.parse(json));

        const second = await client.messages.create({
          model,
          max_tokens: 64,
          tools: [WEATHER_TOOL],
          messages: [
            { role: 'user', content: 'Weather in San Francisco?' },
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: use?.id ?? '', content: '18°C and sunny' }] },
          ],
        });
        expect(second.type).toBe('message');
        const upstream = (model.startsWith('claude') ? anthropic : openai).requests.at(-1)?.body as Record<string, unknown>;
        if (model.startsWith('claude')) {
          // Passed through: the upstream got the client's blocks as sent.
          expect((upstream.messages as unknown[])[2]).toEqual({ role: 'user', content: [{ type: 'tool_result', tool_use_id: use?.id, content: '18°C and sunny' }] });
        } else {
          expect(upstream.messages).toContainEqual({ role: 'tool', tool_call_id: use?.id, content: '18°C and sunny' });
        }
      });
    }

    it('passes an Anthropic upstream the body as sent (thinking, cache_control, stop_sequences, betas) and returns its thinking blocks', async () => {
      const message = await client.messages.create(
        {
          model: 'claude/claude-sonnet-4-5',
          max_tokens: 2048,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          stop_sequences: ['\n\nHuman:'],
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] }],
        },
        { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14', 'anthropic-version': '2023-06-01' } },
      );
      expect(message.content[0]).toEqual({ type: 'thinking', thinking: 'The user greets me; I greet back.', signature: 'stand-in-signature' });
      const sent = anthropic.requests.at(-1);
      expect(sent?.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
      expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
      expect(sent?.headers['x-api-key']).toBe('sk-ant-test');
      expect(sent?.body).toEqual({
        model: 'claude-sonnet-4-5',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        stop_sequences: ['\n\nHuman:'],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] }],
      });
    });

    it('streams an Anthropic upstream natively: thinking and signature deltas reach the SDK', async () => {
      const stream = client.messages.stream({ model: 'claude/claude-sonnet-4-5', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Hi' }] });
      let thought = '';
      stream.on('thinking', (delta) => {
        thought += delta;
      });
      const final = await stream.finalMessage();
      expect(final.content[0]).toEqual({ type: 'thinking', thinking: 'The user greets me; I greet back.', signature: 'stand-in-signature' });
      expect(thought).toBe('The user greets me; I greet back.');
      expect(final.content[1]?.type).toBe('text');
    });

    it('serves the beta endpoint Claude Code calls (/v1/messages?beta=true) and forwards its betas', async () => {
      const message = await client.beta.messages.create({
        model: 'claude/claude-sonnet-4-5',
        max_tokens: 16,
        betas: ['context-1m-2025-08-07'],
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(message.content[0]?.type).toBe('text');
      expect(anthropic.requests.at(-1)?.headers['anthropic-beta']).toBe('context-1m-2025-08-07');
      const error = await client.beta.messages.create({ model: 'nobody/none', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.NotFoundError);
      expect((error as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    });

    it('refuses thinking on a model that is not Anthropic, clearly', async () => {
      for (const model of ['mock/gpt-4o-mini', 'builtin/steward-mini']) {
        const error = await client.messages
          .create({ model, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Hi' }] })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Anthropic.BadRequestError);
        const body = (error as InstanceType<typeof Anthropic.BadRequestError>).error as { error: { type: string; message: string } };
        expect(body.error.type).toBe('invalid_request_error');
        expect(body.error.message).toMatch(/thinking/);
      }
    });

    it("passes Anthropic's server tools to an Anthropic upstream and refuses them by name elsewhere", async () => {
      const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 1 };
      const body = { max_tokens: 16, tools: [webSearch, WEATHER_TOOL], messages: [{ role: 'user', content: 'News?' }] };
      const passed = await raw('/v1/messages', { ...body, model: 'claude/claude-sonnet-4-5' });
      expect(passed.status).toBe(200);
      expect(anthropic.requests.at(-1)?.body).toMatchObject({ tools: [webSearch, WEATHER_TOOL] });
      const refused = await raw('/v1/messages', { ...body, model: 'mock/gpt-4o-mini' });
      expect(refused.status).toBe(400);
      expect(refused.body.error?.type).toBe('invalid_request_error');
      expect(refused.body.error?.message).toMatch(/tools\.0 \(server tool web_search_20250305\).*only Anthropic upstreams/);
    });

    it('bad input is a 400 in Anthropic’s shape, never a 500', async () => {
      const missing = await raw('/v1/messages', { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });

      const unknownBlock = await raw('/v1/messages', { model: 'mock/gpt-4o-mini', max_tokens: 8, messages: [{ role: 'user', content: [{ type: 'hologram', text: 'Hi' }] }] });
      expect(unknownBlock.status).toBe(400);
      expect(unknownBlock.body.error?.type).toBe('invalid_request_error');
      expect(unknownBlock.body.error?.message).toMatch(/messages\.0\.content\.0\.type: unknown content block type 'hologram'/);

      const orphan = await raw('/v1/messages', {
        model: 'claude/claude-sonnet-4-5',
        max_tokens: 8,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_nowhere', content: 'x' }] },
        ],
      });
      expect(orphan.status).toBe(400);
      expect(orphan.body.error?.message).toMatch(/toolu_nowhere.*no matching tool_use/);

      const unknownModel = await raw('/v1/messages', { model: 'nobody/none', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] });
      expect(unknownModel.status).toBe(404);
      expect(unknownModel.body.error?.type).toBe('not_found_error');

      const notJson = await fetch(`${steward.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: '{"model":' });
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as RawAnswer['body']).type).toBe('error');

      const countMissing = await raw('/v1/messages/count_tokens', { model: 'mock/gpt-4o-mini' });
      expect(countMissing.status).toBe(400);
      expect(countMissing.body.error?.type).toBe('invalid_request_error');
    });

    it('an overloaded Anthropic upstream is a 529 overloaded_error', async () => {
      anthropic.setBehaviour({ mode: 'fail', status: 529 }, { times: 1 });
      const error = await client.messages.create({ model: 'claude/claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.APIError);
      expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
      expect(((error as InstanceType<typeof Anthropic.APIError>).error as { error: { type: string } }).error.type).toBe('overloaded_error');
    });

    for (const [model, standIn] of [['claude/claude-sonnet-4-5', () => anthropic], ['mock/gpt-4o-mini', () => openai]] as const) {
      it(`a stream from ${model} cut mid-way ends with an error event the SDK raises, never message_stop`, async () => {
        standIn().setBehaviour({ mode: 'close-mid-stream', afterEvents: 3 }, { times: 1 });
        const stream = client.messages.stream({ model, max_tokens: 16, messages: [{ role: 'user', content: 'Say hello' }] });
        const error = await stream.finalMessage().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Anthropic.APIError);

        standIn().setBehaviour({ mode: 'close-mid-stream', afterEvents: 3 }, { times: 1 });
        const answer = await raw('/v1/messages', { model, max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'Say hello' }] });
        expect(answer.status).toBe(200);
        expect(answer.text).toContain('event: message_start');
        expect(answer.text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"[a-z_]+","message":/);
        expect(answer.text).not.toContain('message_stop');
      });
    }

    it('an in-stream error event from the Anthropic upstream reaches the client as an error event', async () => {
      anthropic.setBehaviour({ mode: 'error-event', afterEvents: 2 }, { times: 1 });
      const answer = await raw('/v1/messages', { model: 'claude/claude-sonnet-4-5', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'Hi' }] });
      expect(answer.text).toContain('event: error');
      expect(answer.text).toContain('"type":"overloaded_error"');
      expect(answer.text).not.toContain('message_stop');
    });

    it('lists both endpoints in /openapi.json', async () => {
      const doc = (await steward.api('GET', '/openapi.json', { key: null })).body as { paths: Record<string, unknown> };
      expect(doc.paths['/v1/messages']).toBeDefined();
      expect(doc.paths['/v1/messages/count_tokens']).toBeDefined();
    });
  });
}
