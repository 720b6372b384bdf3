// Mid-stream failover, as the official client sees it: on a route with failover.midStream 'continue',
// a text stream whose upstream connection breaks after some tokens goes on on the next target (given
// the text so far as the assistant's prefix) and the client reads one uninterrupted answer; the trace
// keeps both attempts and the splice point. Tool calls in progress, and routes that did not opt in,
// still end with the error event.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

const engine = ENGINES[0];
const messages = [{ role: 'user' as const, content: 'Say hello' }];
const tools = [{ type: 'function' as const, function: { name: 'get_current_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }];

interface TraceAttempt {
  provider: string;
  outcome: string;
  status: number | null;
  splicedAtChars?: number;
}

describe(`mid-stream failover (${engine.name})`, () => {
  let fx: GatewayFixture;
  beforeAll(async () => {
    fx = await startGatewayFixture(engine);
    const put = (config: Record<string, unknown>) => fx.steward.api('POST', '/api/routes', { body: { config } });
    const targets = [{ model: 'mock/gpt-4o-mini' }, { model: 'backup/gpt-4o-mini' }];
    expect((await put({ name: 'continuing', policy: 'fallback', targets, failover: { midStream: 'continue' } })).status).toBe(201);
    expect((await put({ name: 'stopping', policy: 'fallback', targets })).status).toBe(201);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const traceOf = async (id: string | null) =>
    (await fx.steward.api('GET', `/api/traces/${id}`)).body as { attempts: TraceAttempt[]; provider: string; status: string; errorCode: string | null };

  it('continues a broken text stream on the next target, as one answer with one id', async () => {
    const before = fx.backup.requests.length;
    // The mock sends its role chunk and "Hello", then the connection drops.
    fx.mock.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 }, { times: 1 });
    const { data: stream, response } = await fx.client.chat.completions.create({ model: 'continuing', messages, stream: true, stream_options: { include_usage: true } }).withResponse();
    const ids = new Set<string>();
    let roles = 0;
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      ids.add(chunk.id);
      if (chunk.choices[0]?.delta.role) roles++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    // The backup stand-in answers its fixture whatever the prefix: "Hello there" after the mock's "Hello".
    expect(text).toBe('HelloHello there');
    expect(ids.size).toBe(1);
    expect(roles).toBe(1);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(fx.backup.requests.length).toBe(before + 1);
    const continued = fx.backup.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(continued.messages).toEqual([...messages, { role: 'assistant', content: 'Hello' }]);

    const trace = await traceOf(response.headers.get('x-steward-trace-id'));
    expect(trace.status).toBe('ok');
    expect(trace.provider).toBe('backup');
    expect(trace.attempts.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['mock:error', 'backup:ok']);
    // The splice point as stored (the API's trace schema may list fewer attempt fields).
    const stored = await fx.steward.handle.services.store.db.selectFrom('traces').select('attempts_json').where('id', '=', String(response.headers.get('x-steward-trace-id'))).executeTakeFirstOrThrow();
    expect((JSON.parse(String(stored.attempts_json)) as TraceAttempt[]).map((a) => a.splicedAtChars)).toEqual(['Hello'.length, undefined]);
  });

  it('never continues a stream with a tool call in progress: the client gets the error event', async () => {
    const before = fx.backup.requests.length;
    fx.mock.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 }, { times: 1 });
    const { data: stream, response } = await fx.client.chat.completions.create({ model: 'continuing', messages, tools, stream: true }).withResponse();
    const error = await (async () => {
      for await (const _chunk of stream);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(fx.backup.requests.length).toBe(before);
    const trace = await traceOf(response.headers.get('x-steward-trace-id'));
    expect(trace.status).toBe('error');
    expect(trace.attempts.every((a) => a.splicedAtChars === undefined)).toBe(true);
  });

  it('ends with the error event on a route that did not opt in (the default)', async () => {
    const before = fx.backup.requests.length;
    fx.mock.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 }, { times: 1 });
    const stream = await fx.client.chat.completions.create({ model: 'stopping', messages, stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(text).toBe('Hello');
    expect(fx.backup.requests.length).toBe(before);
  });

  it('refuses a mid-stream policy it does not know when the route is written', async () => {
    const refused = await fx.steward.api('POST', '/api/routes', { body: { config: { name: 'odd', targets: [{ model: 'mock/gpt-4o-mini' }], failover: { midStream: 'retry' } } } });
    expect(refused.status).toBe(400);
  });
});
