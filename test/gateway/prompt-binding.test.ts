// A route bound to a prompt means the same for every caller, because the gateway's bind stage renders
// it: a batch line that sends only variables is answered like the /v1 call would be, a line without
// messages on an unbound model gets a clear 400 naming `messages` (not a schema dump), and an
// evaluation run against the route sends the rendered prompt and records its version.
import { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

const engine = ENGINES[0];

interface SentChat {
  model: string;
  messages: { role: string; content: string }[];
}

describe(`a route's prompt for every caller (${engine.name})`, () => {
  let fx: GatewayFixture;
  let promptVersionId: string;
  beforeAll(async () => {
    fx = await startGatewayFixture(engine);
    const prompt = await fx.steward.api('POST', '/api/prompts', {
      body: {
        name: 'greet',
        template: { messages: [{ role: 'system', content: 'You greet {{who}}.' }, { role: 'user', content: 'Say hi to {{who}}' }] },
        variables: [{ name: 'who', default: 'the world' }],
        labels: ['production'],
      },
    });
    expect(prompt.status, JSON.stringify(prompt.body)).toBe(201);
    promptVersionId = String(prompt.body.id);
    const route = await fx.steward.api('POST', '/api/routes', { body: { config: { name: 'greeter', targets: [{ model: 'mock/gpt-4o-mini' }], prompt: { name: 'greet', label: 'production' } } } });
    expect(route.status, JSON.stringify(route.body)).toBe(201);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const sentWith = (text: string) => fx.mock.requests.map((r) => r.body as SentChat).filter((body) => body?.messages?.some((m) => m.content === text));

  it('answers a batch line that sends only the variables of a prompt-bound route', async () => {
    const lines = [
      { custom_id: 'bound', method: 'POST', url: '/v1/chat/completions', body: { model: 'greeter', variables: { who: 'Grace' } } },
      { custom_id: 'empty', method: 'POST', url: '/v1/chat/completions', body: { model: 'mock/gpt-4o-mini' } },
    ];
    const file = await fx.client.files.create({ file: await toFile(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 'input.jsonl'), purpose: 'batch' });
    const batch = await fx.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    let current = batch;
    // Polls the background runner; the bound only makes a stuck batch fail the test.
    for (let i = 0; i < 1_200 && !['completed', 'failed', 'cancelled'].includes(current.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await fx.client.batches.retrieve(batch.id);
    }
    expect(current.status).toBe('completed');
    expect(current.request_counts).toMatchObject({ total: 2, completed: 1, failed: 1 });

    const output = await (await fx.client.files.content(current.output_file_id ?? '')).text();
    const answer = JSON.parse(output.trim()) as { custom_id: string; response: { status_code: number; request_id: string } };
    expect(answer).toMatchObject({ custom_id: 'bound', response: { status_code: 200 } });
    expect(sentWith('Say hi to Grace').at(-1)?.messages).toEqual([
      { role: 'system', content: 'You greet Grace.' },
      { role: 'user', content: 'Say hi to Grace' },
    ]);
    const trace = await fx.steward.api('GET', `/api/traces/${answer.response.request_id}`);
    expect(trace.body).toMatchObject({ route: 'greeter', promptVersionId, batchId: batch.id });

    const errors = await (await fx.client.files.content(current.error_file_id ?? '')).text();
    const failed = JSON.parse(errors.trim()) as { custom_id: string; response: { status_code: number; body: { error: { code: string; param: string | null; message: string } } } };
    expect(failed.custom_id).toBe('empty');
    expect(failed.response.status_code).toBe(400);
    expect(failed.response.body.error).toMatchObject({ code: 'validation_failed', param: 'messages' });
    // One sentence naming the field, not a dump of schema issues.
    expect(failed.response.body.error.message).toMatch(/^messages: /);
    expect(failed.response.body.error.message).not.toContain('[');
  });

  it('renders the route’s prompt for an evaluation run against the route', async () => {
    await fx.steward.api('POST', '/api/datasets', { body: { name: 'greetings' } });
    const version = await fx.steward.api('POST', '/api/datasets/greetings/versions', { body: { items: [{ id: 'g1', input: 'A greeting, please.', reference: 'Hello' }] } });
    expect(version.status, JSON.stringify(version.body)).toBe(201);
    const created = await fx.steward.api('POST', '/api/evals/runs', { body: { dataset: 'greetings', datasetVersion: 1, target: 'greeter', metrics: [{ metric: 'exact_match' }], params: { concurrency: 1 } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = String(created.body.id);
    let status = 'queued';
    for (let polls = 0; ['queued', 'running'].includes(status); polls++) {
      if (polls > 1_200) throw new Error(`run ${id} still ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = String((await fx.steward.api('GET', `/api/evals/runs/${id}`)).body.status);
    }
    expect(status).toBe('completed');
    const results = (await fx.steward.api('GET', `/api/evals/runs/${id}/results?limit=10`)).body.data as { callError: string | null }[];
    expect(results.map((r) => r.callError)).toEqual([null]);
    const sent = sentWith('A greeting, please.').at(-1);
    expect(sent?.messages).toEqual([
      { role: 'system', content: 'You greet the world.' },
      { role: 'user', content: 'Say hi to the world' },
      { role: 'user', content: 'A greeting, please.' },
    ]);
  });
});
