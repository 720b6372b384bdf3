// /v1/responses passed through to an OpenAI-compatible upstream's own /responses (provider option
// `responses: 'native'`), beside the same stand-in configured chat-only: the native upstream receives a
// Responses body (built-in tools included) and its Response comes back under Steward's id, stored and
// chained; the chat-only one is translated and refuses built-in tools. Checked with the openai client.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { OPENAI_SPEC_PATH, specViolations } from '../harness/openai-spec.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

function expectSpec(component: string, value: unknown): void {
  if (OPENAI_SPEC_PATH) expect(specViolations(component, value)).toEqual([]);
}

const WEATHER_TOOL = { type: 'function' as const, name: 'get_current_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } }, strict: false };

for (const engine of ENGINES) {
  describe(`/v1/responses passed through natively (${engine.name})`, () => {
    let steward: TestSteward;
    let client: OpenAI;
    let nativeUpstream: StandIn;
    let chatOnly: StandIn;

    beforeAll(async () => {
      [nativeUpstream, chatOnly] = await Promise.all([startOpenAiStandIn({ responses: true }), startOpenAiStandIn()]);
      steward = await startTestSteward(engine, {
        overrides: {
          providers: [
            { name: 'native', family: 'openai', baseUrl: nativeUpstream.url, apiKey: 'sk-native', responses: 'native' },
            { name: 'chatonly', family: 'openai', baseUrl: chatOnly.url, apiKey: 'sk-chat' },
          ],
        },
      });
      const key = String((await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } })).body.key);
      client = new OpenAI({ baseURL: `${steward.url}/v1`, apiKey: key, maxRetries: 0 });
    });
    afterAll(async () => {
      await steward?.close();
      await Promise.all([nativeUpstream?.close(), chatOnly?.close()]);
    });

    it("sends the request to the upstream's /responses and answers its Response under Steward's id", async () => {
      const { data: response, response: http } = await client.responses.create({ model: 'native/gpt-4o-mini', input: 'Hello', instructions: 'Be brief.', temperature: 0.3, metadata: { a: 'b' } }).withResponse();
      expectSpec('Response', response);
      expect(response.id).toMatch(/^resp_/);
      expect(response.id).not.toBe('resp_upstream_1');
      expect(response.output[0]).toMatchObject({ id: 'msg_upstream_1', type: 'message' });
      expect(response.output_text).toBe('Hello! How can I assist you today?');
      expect(response.metadata).toEqual({ a: 'b' });
      const sent = nativeUpstream.requests.at(-1);
      expect(sent?.path).toBe('/v1/responses');
      expect(sent?.headers.authorization).toBe('Bearer sk-native');
      expect(sent?.body).toMatchObject({ model: 'gpt-4o-mini', store: false, temperature: 0.3, input: [{ type: 'message', role: 'system', content: 'Be brief.' }, { type: 'message', role: 'user', content: 'Hello' }] });
      await steward.handle.services.gatewayServices.traceWriter.flush();
      const trace = await steward.api('GET', `/api/traces/${http.headers.get('x-steward-trace-id')}`);
      expect(trace.body).toMatchObject({ status: 'ok', provider: 'native', surface: { name: 'responses', translated: false } });
      expect((await client.responses.retrieve(response.id)).output_text).toBe(response.output_text);
    });

    it('passes built-in tools through to a native upstream and refuses them for a chat-only one', async () => {
      const response = await client.responses.create({ model: 'native/gpt-4o-mini', input: 'Weather?', tools: [{ type: 'web_search' }], include: ['web_search_call.action.sources'] });
      // Fields Steward does not interpret reach a native upstream as they came.
      expect((nativeUpstream.requests.at(-1)!.body as { include: unknown }).include).toEqual(['web_search_call.action.sources']);
      expect(response.output.map((item) => item.type)).toEqual(['web_search_call', 'message']);
      expect((nativeUpstream.requests.at(-1)!.body as { tools: unknown[] }).tools).toEqual([{ type: 'web_search' }]);
      const before = chatOnly.requests.length;
      await expect(client.responses.create({ model: 'chatonly/gpt-4o-mini', input: 'Weather?', tools: [{ type: 'web_search' }] })).rejects.toMatchObject({ status: 400, code: 'unsupported_parameter', param: 'tools' });
      expect(chatOnly.requests.length).toBe(before);
      // The chat-only upstream is translated: it got a chat completion, never /responses.
      const translated = await client.responses.create({ model: 'chatonly/gpt-4o-mini', input: 'Hello' });
      expect(translated.output_text).toBe('Hello! How can I assist you today?');
      expect(chatOnly.requests.at(-1)?.path).toBe('/v1/chat/completions');
    });

    it('streams a native response with text and function-call argument deltas, spec-valid events', async () => {
      const stream = client.responses.stream({ model: 'native/gpt-4o-mini', input: 'Hello' });
      const events: { type: string; sequence_number: number }[] = [];
      for await (const event of stream) events.push(event);
      const final = await stream.finalResponse();
      expect(final.output_text).toBe('Hello! How can I assist you today?');
      expect(events.at(-1)?.type).toBe('response.completed');
      expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
      for (const event of events) expectSpec('ResponseStreamEvent', event);
      expect((nativeUpstream.requests.at(-1)!.body as { stream: boolean }).stream).toBe(true);

      const tools = client.responses.stream({ model: 'native/gpt-4o-mini', input: 'Weather?', tools: [WEATHER_TOOL] });
      let args = '';
      tools.on('response.function_call_arguments.delta', (event) => {
        args += event.delta;
      });
      const withCall = await tools.finalResponse();
      const call = withCall.output.find((item) => item.type === 'function_call');
      expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ location: 'Boston, MA' });
      expect(args).toBe(call?.type === 'function_call' ? call.arguments : '');
    });

    it("streams a native upstream's own events: a built-in tool's item is there, under Steward's response id", async () => {
      const stream = client.responses.stream({ model: 'native/gpt-4o-mini', input: 'Weather?', tools: [{ type: 'web_search' }] });
      const events: { type: string; sequence_number: number; item?: { type: string }; response?: { id: string } }[] = [];
      for await (const event of stream) events.push(event);
      const final = await stream.finalResponse();
      for (const event of events) expectSpec('ResponseStreamEvent', event);
      expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
      expect(events.filter((e) => e.type === 'response.output_item.added').map((e) => e.item?.type)).toEqual(['web_search_call', 'message']);
      expect(final.output.map((item) => item.type)).toEqual(['web_search_call', 'message']);
      expect(final.id).toMatch(/^resp_/);
      expect(final.id).not.toBe('resp_upstream_1');
      expect(events.filter((e) => e.response).every((e) => e.response?.id === final.id)).toBe(true);
      expect((await client.responses.retrieve(final.id)).output.map((item) => item.type)).toEqual(['web_search_call', 'message']);
    });

    it('chains previous_response_id over a native upstream: Steward sends the whole conversation', async () => {
      const first = await client.responses.create({ model: 'native/gpt-4o-mini', input: 'My name is Ada.' });
      await client.responses.create({ model: 'native/gpt-4o-mini', input: 'And my name?', previous_response_id: first.id });
      const sent = nativeUpstream.requests.at(-1)?.body as { input: { role?: string; type: string }[]; previous_response_id?: string };
      expect(sent.previous_response_id).toBeUndefined();
      expect(sent.input.map((item) => item.role ?? item.type)).toEqual(['user', 'assistant', 'user']);
    });

    it('ends a native stream the upstream cuts with response.failed, never response.completed', async () => {
      // Five events: the first text delta is out, so the cut cannot be retried transparently.
      nativeUpstream.setBehaviour({ mode: 'close-mid-stream', afterEvents: 5 }, { times: 1 });
      const stream = client.responses.stream({ model: 'native/gpt-4o-mini', input: 'Hello' });
      const types: string[] = [];
      stream.on('event', (event) => types.push(event.type));
      await expect(stream.finalResponse()).rejects.toThrow();
      expect(types).not.toContain('response.completed');
      expect(types).toContain('response.failed');
    });
  });
}
