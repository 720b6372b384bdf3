import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StandIn, startAnthropicStandIn } from '../../../test/stand-ins/index.js';
import { StewardError } from '../../errors/index.js';
import { type ChatChunk, type LanguageModelProvider, ProviderCallError } from '../spec/index.js';
import overloaded from './__fixtures__/error-overloaded.json' with { type: 'json' };
import { createAnthropicProvider } from './anthropic-provider.js';

const signal = () => AbortSignal.timeout(5_000);
const hello = {
  model: 'claude-sonnet-4-20250514',
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'Hello' },
  ],
};
const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the call should fail'),
    (caught: unknown) => caught,
  );
}

describe('Anthropic provider against the stand-in', () => {
  let standIn: StandIn;
  let provider: LanguageModelProvider;

  beforeAll(async () => {
    standIn = await startAnthropicStandIn({ apiKey: 'ak-test' });
    provider = createAnthropicProvider({ name: 'anthropic', family: 'anthropic', baseUrl: standIn.url, apiKey: 'ak-test' });
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
    standIn.setBehaviour({ mode: 'ok' });
  });

  it('sends a Messages request with its headers and maps the answer', async () => {
    const answer = await provider.chat({ ...hello, stop: ['###'] }, { signal: signal() });
    expect(answer.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Hi! My name is Claude.' }, finish_reason: 'stop' });
    expect(answer.usage).toMatchObject({ prompt_tokens: 3895, completion_tokens: 503, prompt_tokens_details: { cached_tokens: 1800 } });
    const sent = standIn.requests[0];
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe('ak-test');
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.body).toEqual({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      stop_sequences: ['###'],
    });
  });

  it('maps tool use both ways', async () => {
    const answer = await provider.chat({ ...hello, tools, tool_choice: 'required' }, { signal: signal() });
    expect(answer.choices[0].finish_reason).toBe('tool_calls');
    expect(JSON.parse(answer.choices[0].message.tool_calls?.[0].function.arguments ?? '')).toEqual({ location: 'San Francisco, CA', unit: 'celsius' });
    expect(standIn.requests[0].body).toMatchObject({ tool_choice: { type: 'any' }, tools: [{ name: 'get_weather' }] });
  });

  it('streams text with usage last and tool call deltas', async () => {
    const chunks = await collect(provider.streamChat({ ...hello, stream_options: { include_usage: true } }, { signal: signal() }));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello!');
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 25, completion_tokens: 15, total_tokens: 40 });
    expect(standIn.requests[0].body).toMatchObject({ stream: true });

    const toolChunks: ChatChunk[] = await collect(provider.streamChat({ ...hello, tools }, { signal: signal() }));
    const args = toolChunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []).map((d) => d.function?.arguments ?? '');
    expect(JSON.parse(args.join(''))).toEqual({ location: 'San Francisco, CA' });
  });

  it('answers text completions through chat and lists models', async () => {
    const text = await provider.complete({ model: 'claude-sonnet-4-20250514', prompt: 'Hi', max_tokens: 20 }, { signal: signal() });
    expect(text).toMatchObject({ object: 'text_completion', choices: [{ text: 'Hi! My name is Claude.', finish_reason: 'stop' }] });
    const streamed = await collect(provider.streamComplete({ model: 'claude-sonnet-4-20250514', prompt: 'Hi' }, { signal: signal() }));
    expect(streamed.map((c) => c.choices[0]?.text ?? '').join('')).toBe('Hello!');
    expect((await provider.listModels!({ signal: signal() })).map((m) => m.id)).toEqual(['claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022']);
    expect(provider.embed).toBeUndefined();
  });

  it('refuses unsupported parameters before calling the upstream', async () => {
    const error = await failure(provider.chat({ ...hello, n: 2 }, { signal: signal() }));
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe('UNSUPPORTED_PARAMETER');
    expect(standIn.requests).toHaveLength(0);
  });

  it('reports 529 overloaded and 429 with retry-after as retryable', async () => {
    standIn.setBehaviour({ mode: 'fail', status: 529, body: overloaded }, { times: 1 });
    const busy = (await failure(provider.chat(hello, { signal: signal() }))) as ProviderCallError;
    expect(busy).toBeInstanceOf(ProviderCallError);
    expect(busy.statusCode).toBe(529);
    expect(busy.isRetryable).toBe(true);
    expect(busy.message).toContain('overloaded_error');

    standIn.setBehaviour({ mode: 'fail', status: 429, retryAfter: '3' }, { times: 1 });
    const limited = (await failure(collect(provider.streamChat(hello, { signal: signal() })))) as ProviderCallError;
    expect(limited.retryAfterSeconds).toBe(3);
    expect(limited.isRetryable).toBe(true);
  });

  it('throws an in-stream error event after the chunks before it', async () => {
    standIn.setBehaviour({ mode: 'error-event', afterEvents: 4 });
    const received: ChatChunk[] = [];
    const error = (await failure(
      (async () => {
        for await (const chunk of provider.streamChat(hello, { signal: signal() })) received.push(chunk);
      })(),
    )) as ProviderCallError;
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.statusCode).toBe(529);
    expect(received.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello');
  });

  it('throws when the connection drops mid-stream', async () => {
    standIn.setBehaviour({ mode: 'close-mid-stream', afterEvents: 3 });
    const dropped = (await failure(collect(provider.streamChat(hello, { signal: signal() })))) as ProviderCallError;
    expect(dropped).toBeInstanceOf(ProviderCallError);
    expect(dropped.isRetryable).toBe(true);
  });

  it('throws when a stream ends cleanly before message_stop', async () => {
    standIn.setBehaviour({ mode: 'truncate', afterEvents: 6 });
    const error = (await failure(collect(provider.streamChat(hello, { signal: signal() })))) as ProviderCallError;
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.message).toContain('message_stop');
  });

  it('times out on a hanging upstream', async () => {
    standIn.setBehaviour({ mode: 'hang' });
    const error = (await failure(provider.chat(hello, { signal: AbortSignal.timeout(100) }))) as ProviderCallError;
    expect(error.isTimeout).toBe(true);
  });

  it('rejects a wrong key with a 401', async () => {
    const wrong = createAnthropicProvider({ name: 'anthropic', family: 'anthropic', baseUrl: standIn.url, apiKey: 'bad' });
    const error = (await failure(wrong.chat(hello, { signal: signal() }))) as ProviderCallError;
    expect(error.statusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
  });
});
