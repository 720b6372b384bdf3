import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StandIn, startOpenAiStandIn } from '../../../test/stand-ins/index.js';
import { type ChatChunk, type LanguageModelProvider, ProviderCallError } from '../spec/index.js';
import chatCompletion from './__fixtures__/chat-completion.json' with { type: 'json' };
import rateLimit from './__fixtures__/error-rate-limit.json' with { type: 'json' };
import { createOpenAiProvider } from './openai-provider.js';

const signal = () => AbortSignal.timeout(5_000);
const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] };

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

async function failure(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('OpenAI-compatible provider against the stand-in', () => {
  let standIn: StandIn;
  let provider: LanguageModelProvider;

  beforeAll(async () => {
    standIn = await startOpenAiStandIn({ apiKey: 'sk-test' });
    provider = createOpenAiProvider({ name: 'openai', family: 'openai', baseUrl: standIn.url, apiKey: 'sk-test', headers: { 'openai-organization': 'org-1' } });
  });
  afterAll(() => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
    standIn.setBehaviour({ mode: 'ok' });
  });

  it('passes a chat request through and returns the answer', async () => {
    const answer = await provider.chat({ ...hello, temperature: 0.2, stream: false, stream_options: { include_usage: true } }, { signal: signal(), headers: { 'x-request-id': 'r1' } });
    expect(answer.choices[0].message.content).toBe(chatCompletion.choices[0].message.content);
    expect(answer.usage?.total_tokens).toBe(29);
    const sent = standIn.requests[0];
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.headers['openai-organization']).toBe('org-1');
    expect(sent.headers['x-request-id']).toBe('r1');
    expect(sent.body).toEqual({ ...hello, temperature: 0.2 });
  });

  it('streams chunks and the usage chunk when include_usage is set', async () => {
    const chunks = await collect(provider.streamChat({ ...hello, stream_options: { include_usage: true } }, { signal: signal() }));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello there');
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 });
    expect(standIn.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const withoutUsage = await collect(provider.streamChat(hello, { signal: signal() }));
    expect(withoutUsage.some((c) => c.usage)).toBe(false);
  });

  it('streams tool call deltas that join into valid arguments', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_current_weather', parameters: { type: 'object' } } }];
    const chunks: ChatChunk[] = await collect(provider.streamChat({ ...hello, tools }, { signal: signal() }));
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', function: { name: 'get_current_weather' } });
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({ location: 'Boston, MA' });
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('completes, streams completions, embeds and lists models', async () => {
    const text = await provider.complete({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test' }, { signal: signal() });
    expect(text.choices[0].text).toBe('\n\nThis is indeed a test');
    const streamed = await collect(provider.streamComplete({ model: 'gpt-3.5-turbo-instruct', prompt: 'x' }, { signal: signal() }));
    expect(streamed.map((c) => c.choices[0].text).join('')).toBe('This is a test');
    const vectors = await provider.embed!({ model: 'text-embedding-3-small', input: ['a', 'b', 'c'] }, { signal: signal() });
    expect(vectors.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(vectors.data[0].embedding.length).toBeGreaterThan(0);
    const models = await provider.listModels!({ signal: signal() });
    expect(models.map((m) => m.id)).toContain('gpt-4o-mini');
  });

  it('reports 429 with retry-after as a retryable error carrying the body', async () => {
    standIn.setBehaviour({ mode: 'fail', status: 429, retryAfter: '20', body: rateLimit }, { times: 1 });
    const error = await failure(provider.chat(hello, { signal: signal() }));
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(20);
    expect(error.message).toContain('Rate limit reached');
    expect(JSON.parse(error.responseBody ?? '')).toEqual(rateLimit);
    // the behaviour lasted one request
    expect((await provider.chat(hello, { signal: signal() })).choices).toHaveLength(1);
  });

  it('marks 500 retryable and 400 not retryable, also for streams', async () => {
    standIn.setBehaviour({ mode: 'fail', status: 500 });
    expect((await failure(provider.chat(hello, { signal: signal() }))).isRetryable).toBe(true);
    standIn.setBehaviour({ mode: 'fail', status: 400 });
    const error = await failure(collect(provider.streamChat(hello, { signal: signal() })));
    expect(error.statusCode).toBe(400);
    expect(error.isRetryable).toBe(false);
  });

  it('rejects a wrong key with a 401 that is not retryable', async () => {
    const wrong = createOpenAiProvider({ name: 'openai', family: 'openai', baseUrl: standIn.url, apiKey: 'nope' });
    const error = await failure(wrong.chat(hello, { signal: signal() }));
    expect(error.statusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
  });

  it('surfaces a connection dropped mid-stream from the iterator, after the chunks already sent', async () => {
    standIn.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 });
    const received: ChatChunk[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of provider.streamChat(hello, { signal: signal() })) received.push(chunk);
      })(),
    );
    expect(received).toHaveLength(2);
    expect(error.isRetryable).toBe(true);
    expect(error.statusCode).toBeUndefined();
  });

  it('surfaces an error event sent mid-stream and a body cut in half', async () => {
    standIn.setBehaviour({ mode: 'error-event', afterEvents: 1 });
    const error = await failure(collect(provider.streamChat(hello, { signal: signal() })));
    expect(error.message).toContain('mid-stream');
    standIn.setBehaviour({ mode: 'close-mid-stream' });
    expect((await failure(provider.chat(hello, { signal: signal() }))).isRetryable).toBe(true);
  });

  it('throws when a stream ends cleanly before any choice finished and [DONE]', async () => {
    standIn.setBehaviour({ mode: 'truncate', afterEvents: 2 });
    const error = await failure(collect(provider.streamChat(hello, { signal: signal() })));
    expect(error.message).toContain('[DONE]');
  });

  it('times out on its own request timeout, on the idle stream timeout and on the caller signal', async () => {
    standIn.setBehaviour({ mode: 'hang' });
    const quick = createOpenAiProvider({ name: 'openai', family: 'openai', baseUrl: standIn.url, apiKey: 'sk-test', timeouts: { requestMs: 100, streamIdleMs: 100 } });
    const own = await failure(quick.chat(hello, { signal: signal() }));
    expect(own.isTimeout).toBe(true);
    expect(own.code).toBe('UPSTREAM_TIMEOUT');
    const caller = await failure(provider.chat(hello, { signal: AbortSignal.timeout(100) }));
    expect(caller.isTimeout).toBe(true);

    standIn.setBehaviour({ mode: 'slow', delayMs: 250 });
    const idle = await failure(collect(createOpenAiProvider({ name: 'o', family: 'openai', baseUrl: standIn.url, apiKey: 'sk-test', timeouts: { requestMs: 5_000, streamIdleMs: 100 } }).streamChat(hello, { signal: signal() })));
    expect(idle.isTimeout).toBe(true);
  });

  it('reports a client abort as an abort, not a timeout', async () => {
    standIn.setBehaviour({ mode: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(provider.chat(hello, { signal: controller.signal }));
    expect(error.isTimeout).toBe(false);
    expect(error.message).toContain('aborted');
  });

  it('reports a refused connection as retryable without a status', async () => {
    const gone = await startOpenAiStandIn();
    const url = gone.url;
    await gone.close();
    const error = await failure(createOpenAiProvider({ name: 'down', family: 'openai', baseUrl: url }).chat(hello, { signal: signal() }));
    expect(error.statusCode).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('connection failed');
  });
});

describe('Azure OpenAI against the stand-in', () => {
  it('calls the deployment path with api-version and api-key', async () => {
    const standIn = await startOpenAiStandIn({ apiKey: 'az-key' });
    try {
      const origin = standIn.url.replace(/\/v1$/, '');
      const azure = createOpenAiProvider({ name: 'azure', family: 'openai', baseUrl: origin, apiKey: 'az-key', azure: { apiVersion: '2024-10-21' } });
      const answer = await azure.chat({ ...hello, model: 'my-gpt4o' }, { signal: signal() });
      expect(answer.choices[0].message.content).toBeTruthy();
      expect(standIn.requests[0].path).toBe('/openai/deployments/my-gpt4o/chat/completions');
      expect(standIn.requests[0].query).toEqual({ 'api-version': '2024-10-21' });
      expect(standIn.requests[0].headers['api-key']).toBe('az-key');
      expect(standIn.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await standIn.close();
    }
  });
});
