// What a client sends reaches the upstream as OpenAI defines it: every field of the spec (and fields
// newer than this version) passes through to OpenAI-compatible upstreams unchanged; Anthropic, Gemini
// and the builtin model refuse what they cannot honour, naming the field; upstream failures come
// back with codes that say whose fault they are; every response carries `x-request-id`.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import type { TestSteward } from '../harness/test-steward.js';
import type { StandIn } from '../stand-ins/index.js';
import { type FamiliesFixture, startFamiliesFixture } from './families-fixture.js';

/** A chat request using every field of OpenAI's CreateChatCompletionRequest that Steward passes through. */
const EVERY_FIELD = {
  store: true,
  metadata: { team: 'support' },
  service_tier: 'flex',
  reasoning_effort: 'low',
  verbosity: 'low',
  modalities: ['text'],
  prediction: { type: 'content', content: 'Hello there' },
  web_search_options: { search_context_size: 'low' },
  prompt_cache_key: 'cache-1',
  safety_identifier: 'user-42',
  parallel_tool_calls: false,
  logit_bias: { '50256': -100 },
  top_logprobs: 2,
  logprobs: true,
  n: 100,
  stream_options: { include_usage: true, include_obfuscation: false },
  // A field newer than this version of Steward: passed through as it came.
  some_future_field: { nested: [1, 2] },
} as const;

// Request translation does not touch the store: one engine is enough.
for (const engine of ENGINES.slice(0, 1)) {
  describe(`OpenAI request fidelity (${engine.name})`, () => {
    let fx: FamiliesFixture;
    let steward: TestSteward;
    let openai: StandIn;
    let anthropic: StandIn;
    let gemini: StandIn;
    let client: OpenAI;
    let key: string;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) => fx.post(path, body, headers);

    beforeAll(async () => {
      fx = await startFamiliesFixture(engine, { retry: { maxRetries: 0 } });
      ({ steward, openai, anthropic, gemini, serviceKey: key } = fx);
      client = new OpenAI({ apiKey: key, baseURL: `${steward.url}/v1`, maxRetries: 0 });
    });
    beforeEach(() => {
      for (const standIn of [openai, anthropic, gemini]) standIn.setBehaviour({ mode: 'ok' });
    });
    afterAll(async () => {
      await fx?.close();
    });

    it('passes every spec field, and unknown ones, to an OpenAI-compatible upstream unchanged', async () => {
      const messages = [{ role: 'user', content: 'Hello' }];
      for (const stream of [false, true]) {
        const response = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages, ...EVERY_FIELD, stream });
        expect(response.status).toBe(200);
        await response.text();
        const { stream_options: streamOptions, ...rest } = EVERY_FIELD;
        // `stream` and its options mean nothing to a unary call and are only sent with a stream.
        expect(openai.requests.at(-1)?.body).toEqual({ model: 'gpt-4o-mini', messages, ...rest, ...(stream ? { stream, stream_options: streamOptions } : {}) });
      }
    });

    it('accepts the content parts, token prompts, n and dimensions the spec accepts', async () => {
      const parts = [
        { type: 'text', text: 'What is in these?' },
        { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
      ];
      const chat = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: parts }], n: 128 });
      expect(chat.status).toBe(200);
      expect(openai.requests.at(-1)?.body).toMatchObject({ messages: [{ role: 'user', content: parts }], n: 128 });

      for (const prompt of [[1, 2, 3], [[1, 2], [3]]]) {
        const completion = await post('/v1/completions', { model: 'mock/gpt-3.5-turbo-instruct', prompt, max_tokens: 4 });
        expect(completion.status).toBe(200);
        expect(openai.requests.at(-1)?.body).toMatchObject({ prompt });
      }

      await client.embeddings.create({ model: 'mock/text-embedding-3-small', input: 'hi', dimensions: 256 });
      expect(openai.requests.at(-1)?.body).toMatchObject({ dimensions: 256 });
    });

    it('Gemini maps audio and inline files, and refuses an OpenAI file id by name', async () => {
      const audio = await post('/v1/chat/completions', { model: 'gemini/gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } }] }] });
      expect(audio.status).toBe(200);
      expect(JSON.stringify(gemini.requests.at(-1)?.body)).toContain('"mimeType":"audio/wav"');
      const fileId = await post('/v1/chat/completions', { model: 'gemini/gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }] });
      expect(fileId.status).toBe(400);
      expect((await fileId.json()).error).toMatchObject({ code: 'unsupported_parameter', param: 'file' });
    });

    it('families without an equivalent refuse the field by name, before calling the upstream', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['claude/claude-sonnet-4-5', { reasoning_effort: 'high' }, 'reasoning_effort'],
        ['claude/claude-sonnet-4-5', { some_future_field: 1 }, 'some_future_field'],
        ['gemini/gemini-2.5-flash', { prompt_cache_key: 'k' }, 'prompt_cache_key'],
        ['gemini/gemini-2.5-flash', { service_tier: 'flex' }, 'service_tier'],
        ['builtin/steward-mini', { audio: { voice: 'alloy', format: 'mp3' } }, 'audio'],
        ['builtin/steward-mini', { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } }] }] }, 'messages[0]'],
      ];
      for (const [model, extra, param] of cases) {
        const before = anthropic.requests.length + gemini.requests.length;
        const response = await post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'Hi' }], ...extra });
        expect(response.status, `${model} ${param}`).toBe(400);
        const { error } = await response.json();
        expect(error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_parameter', param });
        expect(error.message).toContain(param);
        expect(anthropic.requests.length + gemini.requests.length).toBe(before);
      }
      // Values that ask for nothing, and fields Steward honours itself, are not refused.
      const neutral = await post('/v1/chat/completions', { model: 'claude/claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }], store: true, metadata: { a: 'b' }, logprobs: false, safety_identifier: 'u-1' });
      expect(neutral.status).toBe(200);
      expect(anthropic.requests.at(-1)?.body).toMatchObject({ metadata: { user_id: 'u-1' } });
    });

    it('upstream failures say whose fault they are', async () => {
      const messages = [{ role: 'user', content: 'Hi' }];
      openai.setBehaviour({ mode: 'fail', status: 401 });
      const auth = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages });
      expect(auth.status).toBe(502);
      expect((await auth.json()).error.code).toBe('upstream_authentication_failed');

      anthropic.setBehaviour({ mode: 'fail', status: 403 });
      const forbidden = await post('/v1/chat/completions', { model: 'claude/claude-sonnet-4-5', messages });
      expect(forbidden.status).toBe(502);
      expect((await forbidden.json()).error.code).toBe('upstream_authentication_failed');

      openai.setBehaviour({ mode: 'fail', status: 404 });
      const missing = await post('/v1/chat/completions', { model: 'mock/gpt-9', messages });
      expect(missing.status).toBe(404);
      expect((await missing.json()).error).toMatchObject({ code: 'upstream_model_not_found', param: 'model' });

      openai.setBehaviour({ mode: 'fail', status: 400, body: { error: { message: "Invalid value for 'temperature'.", type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' } } });
      const bad = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages, temperature: 1 });
      expect(bad.status).toBe(400);
      const badError = (await bad.json()).error;
      expect(badError).toMatchObject({ code: 'upstream_invalid_request', param: 'temperature' });
      expect(badError.message).toContain("Invalid value for 'temperature'.");
    });

    it('refuses JSON nested deeper than the limit with a 400 in each surface’s shape, never a stack overflow', async () => {
      const deep = `${'{"type":"object","properties":{"x":'.repeat(10_000)}{}${'}}'.repeat(10_000)}`;
      const tools = `[{"type":"function","function":{"name":"f","parameters":${deep}}}]`;
      const chat = await fetch(`${steward.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: `{"model":"mock/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"tools":${tools}}`,
      });
      expect(chat.status).toBe(400);
      expect((await chat.json()).error).toMatchObject({ code: 'json_too_deep', type: 'invalid_request_error' });
      const api = await steward.api('POST', '/api/keys', { body: `{"name":"k","role":"viewer","x":${deep}}` });
      expect(api.status).toBe(400);
      expect(api.body.error).toMatchObject({ code: 'JSON_TOO_DEEP' });
      // 64 levels are fine.
      const ok = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], metadata: undefined, response_format: { type: 'json_schema', json_schema: { name: 's', schema: JSON.parse(`${'{"type":"array","items":'.repeat(30)}{}${'}'.repeat(30)}`) } } });
      expect(ok.status).toBe(200);
    });

    it('echoes a client x-request-id, or makes one, on every response', async () => {
      const echoed = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, { 'x-request-id': 'client-req-7' });
      expect(echoed.headers.get('x-request-id')).toBe('client-req-7');
      const streamed = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { 'x-request-id': 'client-req-8' });
      expect(streamed.headers.get('x-request-id')).toBe('client-req-8');
      await streamed.text();
      const made = await post('/v1/chat/completions', { model: 'nosuch', messages: [] });
      expect(made.headers.get('x-request-id')).toMatch(/^req_/);
      const hostile = await post('/v1/models', {}, { 'x-request-id': 'a b\tc' });
      expect(hostile.headers.get('x-request-id')).toMatch(/^req_/);
      const management = await steward.api('GET', '/api/projects');
      expect(management.headers.get('x-request-id')).toMatch(/^req_/);
    });
  });
}
