// The OpenAI Responses API (/v1/responses) through the official openai v6 client, unchanged: string
// and item input, a function tool round trip, json_schema output, streams with the SDK's event
// helpers, stored responses (retrieve, delete, input items) and previous_response_id chaining —
// against the builtin model, a chat-only OpenAI-compatible stand-in and the Anthropic stand-in.
// Every Response object and stream event is checked against OpenAI's OpenAPI document.
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { OPENAI_SPEC_PATH, specViolations } from '../harness/openai-spec.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { type StandIn, startAnthropicStandIn, startOpenAiStandIn } from '../stand-ins/index.js';

const TEXT_MODELS = ['builtin/steward-mini', 'mock/gpt-4o-mini', 'claude/claude-sonnet-4-5'] as const;
const TOOL_MODELS = ['mock/gpt-4o-mini', 'claude/claude-sonnet-4-5'] as const;
const WEATHER_TOOL = { type: 'function' as const, name: 'get_current_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] }, strict: false };

/** The stream event component of the spec for an event type. */
const EVENT_COMPONENTS: Record<string, string> = {
  'response.created': 'ResponseCreatedEvent',
  'response.in_progress': 'ResponseInProgressEvent',
  'response.output_item.added': 'ResponseOutputItemAddedEvent',
  'response.output_item.done': 'ResponseOutputItemDoneEvent',
  'response.content_part.added': 'ResponseContentPartAddedEvent',
  'response.content_part.done': 'ResponseContentPartDoneEvent',
  'response.output_text.delta': 'ResponseTextDeltaEvent',
  'response.output_text.done': 'ResponseTextDoneEvent',
  'response.function_call_arguments.delta': 'ResponseFunctionCallArgumentsDeltaEvent',
  'response.function_call_arguments.done': 'ResponseFunctionCallArgumentsDoneEvent',
  'response.completed': 'ResponseCompletedEvent',
  'response.incomplete': 'ResponseIncompleteEvent',
  'response.failed': 'ResponseFailedEvent',
  error: 'ResponseErrorEvent',
};

function expectSpec(component: string, value: unknown): void {
  if (OPENAI_SPEC_PATH) expect(specViolations(component, value)).toEqual([]);
}

function expectEventSpec(event: { type: string }): void {
  const component = EVENT_COMPONENTS[event.type];
  expect(component, `an event type Steward should not send: ${event.type}`).toBeDefined();
  expectSpec(component, event);
}

for (const engine of ENGINES) {
  describe(`/v1/responses through the openai client (${engine.name})`, () => {
    let steward: TestSteward;
    let client: OpenAI;
    let otherClient: OpenAI;
    let openai: StandIn;
    let anthropic: StandIn;

    beforeAll(async () => {
      [openai, anthropic] = await Promise.all([startOpenAiStandIn(), startAnthropicStandIn()]);
      steward = await startTestSteward(engine, {
        overrides: {
          providers: [
            { name: 'mock', family: 'openai', baseUrl: openai.url, apiKey: 'sk-mock' },
            { name: 'claude', family: 'anthropic', baseUrl: anthropic.url, apiKey: 'sk-ant-test' },
          ],
        },
      });
      const key = String((await steward.api('POST', '/api/keys', { body: { name: 'app', role: 'service' } })).body.key);
      client = new OpenAI({ baseURL: `${steward.url}/v1`, apiKey: key, maxRetries: 0 });
      await steward.api('POST', '/api/projects', { body: { name: 'elsewhere' } });
      const otherKey = String((await steward.api('POST', '/api/keys', { body: { name: 'other', role: 'service', project: 'elsewhere' } })).body.key);
      otherClient = new OpenAI({ baseURL: `${steward.url}/v1`, apiKey: otherKey, maxRetries: 0 });
    });
    afterAll(async () => {
      await steward?.close();
      await Promise.all([openai?.close(), anthropic?.close()]);
    });

    for (const model of TEXT_MODELS) {
      it(`answers a string input from ${model} with a spec-valid Response, stored and retrievable`, async () => {
        const response = await client.responses.create({ model, input: 'Reverse the word stone', instructions: 'Be brief.', max_output_tokens: 16, metadata: { ticket: 'T-1' } });
        expectSpec('Response', response);
        expect(response.object).toBe('response');
        expect(response.id).toMatch(/^resp_/);
        expect(['completed', 'incomplete']).toContain(response.status);
        expect(response.output_text.length).toBeGreaterThan(0);
        expect(response.usage?.total_tokens).toBeGreaterThan(0);
        expect(response.metadata).toEqual({ ticket: 'T-1' });
        expect(response.instructions).toBe('Be brief.');

        const again = await client.responses.retrieve(response.id);
        expectSpec('Response', again);
        expect(again.output).toEqual(response.output);
        const items = await client.responses.inputItems.list(response.id);
        expectSpec('ResponseItemList', { object: 'list', data: items.data, first_id: items.data[0]?.id, last_id: items.data.at(-1)?.id, has_more: items.has_more });
        expect(items.data).toHaveLength(1);
        expect(items.data[0]).toMatchObject({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Reverse the word stone' }] });
      });

      it(`streams from ${model} with the SDK's helpers: deltas, events in sequence, finalResponse()`, async () => {
        const stream = client.responses.stream({ model, input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hello' }] }], max_output_tokens: 16 });
        let deltas = '';
        stream.on('response.output_text.delta', (event) => {
          deltas += event.delta;
        });
        const events: { type: string; sequence_number: number }[] = [];
        for await (const event of stream) events.push(event);
        const final = await stream.finalResponse();
        expect(events[0].type).toBe('response.created');
        expect(events.at(-1)?.type).toMatch(/^response\.(completed|incomplete)$/);
        expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
        for (const event of events) expectEventSpec(event);
        expect(deltas.length).toBeGreaterThan(0);
        expect(final.output_text).toBe(deltas);
        expectSpec('Response', final);
        // Stored before response.completed went out: retrievable at once.
        const stored = await client.responses.retrieve(final.id);
        expect(stored.output_text).toBe(deltas);
      });
    }

    for (const model of TOOL_MODELS) {
      it(`runs a function tool round trip with ${model}: function_call, then function_call_output`, async () => {
        const first = await client.responses.create({ model, input: 'What is the weather in Boston?', tools: [WEATHER_TOOL], tool_choice: 'auto' });
        expectSpec('Response', first);
        const call = first.output.find((item) => item.type === 'function_call');
        expect(call).toMatchObject({ type: 'function_call', status: 'completed' });
        if (call?.type !== 'function_call') throw new Error('no function call');
        // The stand-ins answer their recorded tool call whatever the tool is called.
        expect(call.name).toMatch(/weather/);
        expect(JSON.parse(call.arguments)).toHaveProperty('location');

        // The follow-up sends the whole conversation as items (store: false, no chaining).
        const upstream = model.startsWith('mock') ? openai : anthropic;
        const before = upstream.requests.length;
        const second = await client.responses.create({
          model,
          store: false,
          input: [
            { role: 'user', content: 'What is the weather in Boston?' },
            { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
            { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":"22C"}' },
          ],
        });
        expectSpec('Response', second);
        expect(second.output_text.length).toBeGreaterThan(0);
        const sent = JSON.stringify(upstream.requests.slice(before).at(-1)?.body);
        expect(sent).toContain('22C');
        expect(sent).toContain(call.call_id);
        await expect(client.responses.retrieve(second.id)).rejects.toMatchObject({ status: 404 });
      });

      it(`streams a function call from ${model} with argument deltas`, async () => {
        const stream = client.responses.stream({ model, input: 'Weather in Boston?', tools: [WEATHER_TOOL] });
        let args = '';
        stream.on('response.function_call_arguments.delta', (event) => {
          args += event.delta;
        });
        const events: { type: string }[] = [];
        for await (const event of stream) events.push(event);
        for (const event of events) expectEventSpec(event);
        const final = await stream.finalResponse();
        const call = final.output.find((item) => item.type === 'function_call');
        expect(call?.type === 'function_call' && call.arguments).toBe(args);
        expect(events.some((e) => e.type === 'response.function_call_arguments.done')).toBe(true);
      });
    }

    it('records the surface on the trace: responses, translated to chat completions', async () => {
      const { response } = await client.responses.create({ model: 'mock/gpt-4o-mini', input: 'Hello' }).withResponse();
      const traceId = response.headers.get('x-steward-trace-id');
      expect(traceId).toMatch(/^trace_/);
      // Traces are written behind the answer: flush the writer, then read the row.
      await steward.handle.services.gatewayServices.traceWriter.flush();
      const trace = await steward.api('GET', `/api/traces/${traceId}`);
      expect(trace.body).toMatchObject({ status: 'ok', endpoint: 'chat', surface: { name: 'responses', translated: true }, provider: 'mock' });
      const chat = await client.chat.completions.create({ model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
      await steward.handle.services.gatewayServices.traceWriter.flush();
      const chatTrace = await steward.api('GET', `/api/traces/${chat.response.headers.get('x-steward-trace-id')}`);
      expect(chatTrace.body).toMatchObject({ endpoint: 'chat', surface: null });
    });

    it('ends a stream the upstream cuts mid-way with response.failed and error, never response.completed', async () => {
      openai.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 }, { times: 1 });
      const response = await fetch(`${steward.url}/v1/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock/gpt-4o-mini', input: 'Hello', stream: true }),
      });
      expect(response.status).toBe(200);
      const events = (await response.text())
        .split('\n\n')
        .filter((block) => block.includes('data: '))
        .map((block) => ({ name: block.split('\n')[0].replace('event: ', ''), data: JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { type: string; sequence_number: number; response?: { id: string; status: string } } }));
      for (const event of events) {
        expect(event.name).toBe(event.data.type);
        expectEventSpec(event.data);
      }
      const types = events.map((e) => e.data.type);
      expect(types).not.toContain('response.completed');
      expect(types.slice(-2)).toEqual(['response.failed', 'error']);
      expect(events.at(-2)?.data.response?.status).toBe('failed');
      // The failed response is kept as failed, never as an answer.
      const stored = await client.responses.retrieve(events[0].data.response!.id);
      expect(stored.status).toBe('failed');

      // Through the SDK the cut is an error, and finalResponse() never resolves to an answer.
      openai.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 }, { times: 1 });
      const stream = client.responses.stream({ model: 'mock/gpt-4o-mini', input: 'Hello' });
      await expect(stream.finalResponse()).rejects.toThrow();
    });

    it('chains a conversation with previous_response_id: the upstream sees the whole history', async () => {
      const first = await client.responses.create({ model: 'mock/gpt-4o-mini', input: 'My name is Ada.' });
      const before = openai.requests.length;
      const second = await client.responses.create({ model: 'mock/gpt-4o-mini', input: 'What is my name?', previous_response_id: first.id, instructions: 'Answer in one word.' });
      expect(second.previous_response_id).toBe(first.id);
      const messages = (openai.requests.slice(before).at(-1)!.body as { messages: { role: string; content: unknown }[] }).messages;
      expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
      expect(messages[1].content).toBe('My name is Ada.');
      expect(messages[2].content).toBe(first.output_text);
      expect(messages[3].content).toBe('What is my name?');
      // The tool round trip by chaining: the function_call_output names a call of the previous response.
      const withTool = await client.responses.create({ model: 'mock/gpt-4o-mini', input: 'Weather in Boston?', tools: [WEATHER_TOOL] });
      const call = withTool.output.find((item) => item.type === 'function_call');
      if (call?.type !== 'function_call') throw new Error('no function call');
      const followUp = await client.responses.create({ model: 'mock/gpt-4o-mini', previous_response_id: withTool.id, input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }] });
      expect(followUp.status).toBe('completed');
    });

    it('translates input_image and input_file parts into chat content parts', async () => {
      const before = openai.requests.length;
      const image = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
      const file = 'data:application/pdf;base64,JVBERi0xLjQK';
      await client.responses.create({
        model: 'mock/gpt-4o-mini',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Describe both' },
              { type: 'input_image', image_url: image, detail: 'low' },
              { type: 'input_file', file_data: file, filename: 'a.pdf' },
            ],
          },
        ],
      });
      const sent = openai.requests.slice(before).at(-1)!.body as { messages: { content: unknown }[] };
      expect(sent.messages[0].content).toEqual([
        { type: 'text', text: 'Describe both' },
        { type: 'image_url', image_url: { url: image, detail: 'low' } },
        { type: 'file', file: { file_data: file, filename: 'a.pdf' } },
      ]);
      const noUrl = await steward.api('POST', '/v1/responses', { key: client.apiKey, body: { model: 'mock/gpt-4o-mini', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] } });
      expect(noUrl.status).toBe(400);
      expect(noUrl.body).toMatchObject({ error: { code: 'validation_failed' } });
    });

    it('answers json_schema text.format as structured output, parsed by the SDK', async () => {
      const before = openai.requests.length;
      const response = await client.responses.create({
        model: 'mock/gpt-4o-mini',
        input: 'Give me a city',
        text: { format: { type: 'json_schema', name: 'city', schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false }, strict: true } },
      });
      expectSpec('Response', response);
      expect(response.text?.format).toMatchObject({ type: 'json_schema', name: 'city' });
      expect((openai.requests.slice(before).at(-1)!.body as { response_format: unknown }).response_format).toEqual({
        type: 'json_schema',
        json_schema: { name: 'city', schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false }, strict: true },
      });
    });

    it('deletes a stored response; retrieve, input items and chaining then answer 404', async () => {
      const response = await client.responses.create({ model: 'builtin/steward-mini', input: 'Hello', max_output_tokens: 4 });
      const deleted = await steward.api('DELETE', `/v1/responses/${response.id}`, { key: client.apiKey });
      expect(deleted.body).toEqual({ id: response.id, object: 'response', deleted: true });
      await expect(client.responses.retrieve(response.id)).rejects.toMatchObject({ status: 404 });
      await expect(client.responses.inputItems.list(response.id)).rejects.toMatchObject({ status: 404 });
      await expect(client.responses.create({ model: 'builtin/steward-mini', input: 'Hi', previous_response_id: response.id })).rejects.toMatchObject({ status: 404 });
      await expect(client.responses.delete(response.id)).rejects.toMatchObject({ status: 404 });
    });

    it("keeps another project's stored responses out of reach (404, OpenAI's error shape)", async () => {
      const response = await client.responses.create({ model: 'builtin/steward-mini', input: 'Hello', max_output_tokens: 4 });
      await expect(otherClient.responses.retrieve(response.id)).rejects.toMatchObject({ status: 404, error: { type: 'invalid_request_error', code: 'response_not_found' } });
      await expect(otherClient.responses.delete(response.id)).rejects.toMatchObject({ status: 404 });
      await expect(otherClient.responses.inputItems.list(response.id)).rejects.toMatchObject({ status: 404 });
      await expect(otherClient.responses.create({ model: 'builtin/steward-mini', input: 'Hi', previous_response_id: response.id })).rejects.toMatchObject({ status: 404, param: 'previous_response_id' });
      expect((await client.responses.retrieve(response.id)).id).toBe(response.id);
    });

    it('pages input items with order, limit and after', async () => {
      const response = await client.responses.create({
        model: 'builtin/steward-mini',
        max_output_tokens: 4,
        input: [
          { role: 'user', content: 'one' },
          { role: 'assistant', content: 'two' },
          { role: 'user', content: 'three' },
        ],
      });
      const desc = await client.responses.inputItems.list(response.id, { limit: 2 });
      expect(desc.data.map((item) => (item.type === 'message' ? (item.content[0] as { text: string }).text : ''))).toEqual(['three', 'two']);
      expect(desc.has_more).toBe(true);
      const all: string[] = [];
      for await (const item of client.responses.inputItems.list(response.id, { order: 'asc', limit: 1 })) all.push(item.id);
      expect(all).toHaveLength(3);
      expect(new Set(all).size).toBe(3);
    });

    it('runs /v1/responses lines in a batch: Response bodies, stored and retrievable, a bad line in the error file', async () => {
      const lines = [
        { custom_id: 'a', method: 'POST', url: '/v1/responses', body: { model: 'mock/gpt-4o-mini', input: 'one' } },
        { custom_id: 'b', method: 'POST', url: '/v1/responses', body: { model: 'mock/gpt-4o-mini', input: [{ type: 'function_call_output', call_id: 'call_x', output: 'y' }] } },
      ];
      const file = await client.files.create({ file: await toFile(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 'responses.jsonl'), purpose: 'batch' });
      const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/responses', completion_window: '24h' });
      let current = batch;
      // The batch runs in the background; poll its status as a client does.
      for (let i = 0; i < 600 && !['completed', 'failed', 'cancelled'].includes(current.status); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        current = await client.batches.retrieve(batch.id);
      }
      expect(current.status).toBe('completed');
      expect(current.request_counts).toMatchObject({ total: 2, completed: 1, failed: 1 });
      const output = JSON.parse((await (await client.files.content(current.output_file_id ?? '')).text()).trim()) as { custom_id: string; response: { status_code: number; body: { id: string } } };
      expect(output).toMatchObject({ custom_id: 'a', response: { status_code: 200, body: { object: 'response', status: 'completed' } } });
      expectSpec('Response', output.response.body);
      expect((await client.responses.retrieve(output.response.body.id)).id).toBe(output.response.body.id);
      const errors = JSON.parse((await (await client.files.content(current.error_file_id ?? '')).text()).trim()) as { custom_id: string; response: { status_code: number } };
      expect(errors).toMatchObject({ custom_id: 'b', response: { status_code: 400 } });
    });

    it('lists the Responses endpoints in /openapi.json', async () => {
      const document = (await steward.api('GET', '/openapi.json', { key: null })).body as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(document.paths['/v1/responses'])).toContain('post');
      expect(Object.keys(document.paths['/v1/responses/{id}']).sort()).toEqual(['delete', 'get']);
      expect(Object.keys(document.paths['/v1/responses/{id}/input_items'])).toContain('get');
    });

    it('refuses bad input with clear 400/404 in OpenAI error shape, never 500', async () => {
      const post = (body: unknown) => steward.api('POST', '/v1/responses', { body, key: client.apiKey });
      const unknownItem = await post({ model: 'mock/gpt-4o-mini', input: [{ type: 'telepathy', content: 'x' }] });
      expect(unknownItem.status).toBe(400);
      expect(unknownItem.body).toMatchObject({ error: { type: 'invalid_request_error', code: 'validation_failed' } });
      expect(JSON.stringify(unknownItem.body)).toContain('telepathy');
      const orphan = await post({ model: 'mock/gpt-4o-mini', input: [{ type: 'function_call_output', call_id: 'call_nowhere', output: 'x' }] });
      expect(orphan.status).toBe(400);
      expect(JSON.stringify(orphan.body)).toContain('call_nowhere');
      const unknownPrevious = await post({ model: 'mock/gpt-4o-mini', input: 'x', previous_response_id: 'resp_nope' });
      expect(unknownPrevious.status).toBe(404);
      expect(unknownPrevious.body).toMatchObject({ error: { code: 'response_not_found', param: 'previous_response_id' } });
      const unknownReference = await post({ model: 'mock/gpt-4o-mini', input: [{ type: 'item_reference', id: 'msg_nope' }] });
      expect(unknownReference.status).toBe(404);
      const builtIn = await post({ model: 'mock/gpt-4o-mini', input: 'x', tools: [{ type: 'web_search' }] });
      expect(builtIn.status).toBe(400);
      expect(builtIn.body).toMatchObject({ error: { code: 'unsupported_parameter', param: 'tools' } });
      expect(JSON.stringify(builtIn.body)).toContain('web_search');
      const unmapped = await post({ model: 'mock/gpt-4o-mini', input: 'x', include: ['reasoning.encrypted_content'], background: true });
      expect(unmapped.status).toBe(400);
      expect(unmapped.body).toMatchObject({ error: { code: 'unsupported_parameter', param: 'include' } });
      expect(JSON.stringify(unmapped.body)).toContain('background');
      const namelessTool = await post({ model: 'mock/gpt-4o-mini', input: 'x', tools: [{ type: 'function' }] });
      expect(namelessTool.status).toBe(400);
      expect(namelessTool.body).toMatchObject({ error: { code: 'validation_failed', param: 'tools.0.name' } });
      const noModel = await post({ input: 'x' });
      expect(noModel.status).toBe(400);
      const empty = await post({ model: 'mock/gpt-4o-mini', input: [] });
      expect(empty.status).toBe(400);
      const badList = await steward.api('GET', '/v1/responses/resp_x/input_items?limit=0', { key: client.apiKey });
      expect(badList.status).toBe(400);
      expectSpec('ErrorResponse', unknownItem.body);
      // Malformed bodies of every kind: a 4xx naming the problem, never a 5xx.
      const malformed: unknown[] = [
        { model: 'mock/gpt-4o-mini', input: 5 },
        { model: 'mock/gpt-4o-mini', input: [null] },
        { model: 'mock/gpt-4o-mini', input: [{ role: 'user' }] },
        { model: 'mock/gpt-4o-mini', input: [{ role: 'robot', content: 'x' }] },
        { model: 'mock/gpt-4o-mini', input: [{ role: 'user', content: [{ type: 'input_image' }] }] },
        { model: 'mock/gpt-4o-mini', input: [{ role: 'user', content: [{ type: 'input_video', url: 'x' }] }] },
        { model: 'mock/gpt-4o-mini', input: [{ type: 'function_call', call_id: 'a' }] },
        { model: 'mock/gpt-4o-mini', input: [{ type: 'item_reference' }] },
        { model: 'mock/gpt-4o-mini', input: 'x', tools: 'x' },
        { model: 'mock/gpt-4o-mini', input: 'x', tool_choice: { type: 'function' } },
        { model: 'mock/gpt-4o-mini', input: 'x', tool_choice: { type: 'web_search' } },
        { model: 'mock/gpt-4o-mini', input: 'x', text: { format: { type: 'json_schema' } } },
        { model: 'mock/gpt-4o-mini', input: 'x', metadata: { a: 1 } },
        { model: 'mock/gpt-4o-mini', input: 'x', previous_response_id: '' },
        { model: 'mock/gpt-4o-mini', input: 'x', stream: 'yes' },
        { model: 'mock/gpt-4o-mini', input: 'x', temperature: 9 },
        { model: 'builtin/steward-mini', input: 'x', tools: [WEATHER_TOOL] },
        { model: 'nowhere/x', input: 'x' },
        [],
        'text',
      ];
      for (const body of malformed) {
        const answer = await post(body);
        expect(answer.status, `${JSON.stringify(body)} → ${answer.text}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${JSON.stringify(body)} → ${answer.text}`).toBeLessThan(500);
        expect(answer.body).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
      }
    });
  });
}
