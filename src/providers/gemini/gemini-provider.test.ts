import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StandIn, startGeminiStandIn } from '../../../test/stand-ins/index.js';
import { type ChatChunk, type LanguageModelProvider, ProviderCallError } from '../spec/index.js';
import rateLimit from './__fixtures__/error-rate-limit.json' with { type: 'json' };
import { createGeminiProvider } from './gemini-provider.js';

const signal = () => AbortSignal.timeout(5_000);
const hello = {
  model: 'gemini-2.0-flash',
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'Why is the sky blue?' },
  ],
};
const tools = [{ type: 'function' as const, function: { name: 'get_current_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

async function failure(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => expect.unreachable('the call should fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('Gemini provider against the stand-in', () => {
  let standIn: StandIn;
  let provider: LanguageModelProvider;

  beforeAll(async () => {
    standIn = await startGeminiStandIn({ apiKey: 'g-key' });
    provider = createGeminiProvider({ name: 'gemini', family: 'gemini', baseUrl: standIn.url, apiKey: 'g-key' });
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
    standIn.setBehaviour({ mode: 'ok' });
  });

  it('calls generateContent with the key in a header and maps the answer', async () => {
    const answer = await provider.chat({ ...hello, temperature: 0.4, max_tokens: 30 }, { signal: signal() });
    expect(answer.choices[0]).toMatchObject({ message: { content: 'AI learns patterns from data to make predictions.' }, finish_reason: 'stop' });
    expect(answer.model).toBe('gemini-2.0-flash');
    const sent = standIn.requests[0];
    expect(sent.path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe('g-key');
    expect(sent.query).toEqual({});
    expect(sent.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Why is the sky blue?' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0.4, maxOutputTokens: 30 },
    });
  });

  it('maps function calling both ways', async () => {
    const answer = await provider.chat({ ...hello, tools, tool_choice: 'auto' }, { signal: signal() });
    expect(answer.choices[0].finish_reason).toBe('tool_calls');
    expect(answer.choices[0].message.tool_calls?.[0].function).toEqual({ name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' });
    expect(standIn.requests[0].body).toMatchObject({ toolConfig: { functionCallingConfig: { mode: 'AUTO' } } });
  });

  it('streams over SSE with usage last, and tool calls', async () => {
    const chunks = await collect(provider.streamChat({ ...hello, stream_options: { include_usage: true } }, { signal: signal() }));
    expect(standIn.requests[0].path).toBe('/v1beta/models/gemini-2.0-flash:streamGenerateContent');
    expect(standIn.requests[0].query).toEqual({ alt: 'sse' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('The sky is blue because of Rayleigh scattering.');
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 9, completion_tokens: 11, total_tokens: 20 });

    const toolChunks: ChatChunk[] = await collect(provider.streamChat({ ...hello, tools }, { signal: signal() }));
    expect(toolChunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])[0].function?.name).toBe('get_current_weather');
    expect(toolChunks.some((c) => c.usage)).toBe(false);
  });

  it('completes through chat, embeds and lists models', async () => {
    const text = await provider.complete({ model: 'gemini-2.0-flash', prompt: 'Hi' }, { signal: signal() });
    expect(text.choices[0].text).toBe('AI learns patterns from data to make predictions.');
    const vectors = await provider.embed!({ model: 'text-embedding-004', input: ['a', 'b', 'c'] }, { signal: signal() });
    expect(vectors.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(standIn.requests.at(-1)?.path).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
    expect((await provider.listModels!({ signal: signal() })).map((m) => m.id)).toEqual(['gemini-2.0-flash', 'text-embedding-004']);
  });

  it('reports 429 RESOURCE_EXHAUSTED with retry-after and 400 as not retryable', async () => {
    standIn.setBehaviour({ mode: 'fail', status: 429, retryAfter: '12', body: rateLimit }, { times: 1 });
    const limited = await failure(provider.chat(hello, { signal: signal() }));
    expect(limited.statusCode).toBe(429);
    expect(limited.retryAfterSeconds).toBe(12);
    expect(limited.message).toContain('RESOURCE_EXHAUSTED');
    expect(limited.isRetryable).toBe(true);

    standIn.setBehaviour({ mode: 'fail', status: 400 }, { times: 1 });
    expect((await failure(provider.chat(hello, { signal: signal() }))).isRetryable).toBe(false);
  });

  it('throws an in-stream error and a stream that breaks', async () => {
    standIn.setBehaviour({ mode: 'error-event', afterEvents: 1 });
    const inStream = await failure(collect(provider.streamChat(hello, { signal: signal() })));
    expect(inStream.statusCode).toBe(503);
    expect(inStream.isRetryable).toBe(true);

    standIn.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 });
    const received: ChatChunk[] = [];
    const dropped = await failure(
      (async () => {
        for await (const chunk of provider.streamChat(hello, { signal: signal() })) received.push(chunk);
      })(),
    );
    expect(dropped.isRetryable).toBe(true);
    expect(received.length).toBe(2);
  });

  it('throws when a stream ends before any finishReason', async () => {
    standIn.setBehaviour({ mode: 'truncate', afterEvents: 2 });
    expect((await failure(collect(provider.streamChat(hello, { signal: signal() })))).message).toContain('finishReason');
  });

  it('times out on a hanging upstream', async () => {
    standIn.setBehaviour({ mode: 'hang' });
    expect((await failure(provider.chat(hello, { signal: AbortSignal.timeout(100) }))).isTimeout).toBe(true);
  });
});
