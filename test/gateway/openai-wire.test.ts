// Every object /v1 answers with, checked against OpenAI's official OpenAPI document: chat completions
// and their stream chunks, completions, embeddings, models, files, batches and errors, from an
// OpenAI-compatible upstream and from the builtin model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { OPENAI_SPEC_PATH, specViolations } from '../harness/openai-spec.js';
import { type FamiliesFixture, startFamiliesFixture } from './families-fixture.js';

/** One model of each provider family, answered in OpenAI's format whatever the upstream speaks. */
const CHAT_MODELS = ['mock/gpt-4o-mini', 'claude/claude-sonnet-4-5', 'gemini/gemini-2.5-flash', 'builtin/steward-mini'] as const;
const EMBEDDING_MODELS = ['mock/text-embedding-3-small', 'gemini/text-embedding-004', 'builtin/steward-mini'] as const;

/** Reads a server-sent event stream into its JSON data events (without `[DONE]`). */
async function sseEvents(response: Response): Promise<{ events: unknown[]; done: boolean }> {
  const text = await response.text();
  const data = text
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: '))?.slice(6))
    .filter((line): line is string => line !== undefined);
  return { events: data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d)), done: data.at(-1) === '[DONE]' };
}

for (const engine of ENGINES) {
  describe.skipIf(!OPENAI_SPEC_PATH)(`/v1 objects conform to OpenAI's OpenAPI document (${engine.name})`, () => {
    let fx: FamiliesFixture;
    const post = (path: string, body: unknown) => fx.post(path, body);
    const get = (path: string) => fetch(`${fx.steward.url}${path}`, { headers: { authorization: `Bearer ${fx.serviceKey}` } });

    beforeAll(async () => {
      fx = await startFamiliesFixture(engine);
    });
    afterAll(async () => {
      await fx?.close();
    });

    for (const model of CHAT_MODELS) {
      it(`chat completion from ${model}`, async () => {
        const response = await post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'Reverse the word stone' }], max_tokens: 8 });
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(specViolations('CreateChatCompletionResponse', body)).toEqual([]);
        expect(body.choices[0].message).toHaveProperty('refusal', null);
      });

      it(`chat completion chunks from ${model}`, async () => {
        const response = await post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'Hello' }], max_tokens: 8, stream: true, stream_options: { include_usage: true } });
        expect(response.status).toBe(200);
        const { events, done } = await sseEvents(response);
        expect(done).toBe(true);
        expect(events.length).toBeGreaterThan(1);
        for (const event of events) expect(specViolations('CreateChatCompletionStreamResponse', event)).toEqual([]);
      });

      it(`text completion from ${model}`, async () => {
        const response = await post('/v1/completions', { model, prompt: 'Hello', max_tokens: 8 });
        expect(response.status).toBe(200);
        expect(specViolations('CreateCompletionResponse', await response.json())).toEqual([]);
      });
    }

    for (const model of EMBEDDING_MODELS) {
      it(`embeddings from ${model}`, async () => {
        const response = await post('/v1/embeddings', { model, input: ['one', 'two'] });
        expect(response.status).toBe(200);
        expect(specViolations('CreateEmbeddingResponse', await response.json())).toEqual([]);
      });
    }

    it('model list and one model', async () => {
      const list = await get('/v1/models');
      expect(list.status).toBe(200);
      const body = await list.json();
      expect(body.data.length).toBeGreaterThan(0);
      expect(specViolations('ListModelsResponse', body)).toEqual([]);
      const one = await get('/v1/models/builtin/steward-mini');
      expect(one.status).toBe(200);
      expect(specViolations('Model', await one.json())).toEqual([]);
    });

    it('files and batches, single and listed', async () => {
      const line = JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] } });
      const form = new FormData();
      form.set('purpose', 'batch');
      form.set('file', new Blob([`${line}\n`], { type: 'application/jsonl' }), 'batch.jsonl');
      const uploaded = await fetch(`${fx.steward.url}/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${fx.serviceKey}` }, body: form });
      expect(uploaded.status).toBe(200);
      const file = await uploaded.json();
      expect(specViolations('OpenAIFile', file)).toEqual([]);
      expect(specViolations('OpenAIFile', await (await get(`/v1/files/${file.id}`)).json())).toEqual([]);
      const files = await (await get('/v1/files')).json();
      expect(specViolations('ListFilesResponse', files)).toEqual([]);
      expect(files.first_id).toBe(files.data[0].id);

      const created = await post('/v1/batches', { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
      expect(created.status).toBe(200);
      const batch = await created.json();
      expect(specViolations('Batch', batch)).toEqual([]);
      expect(specViolations('Batch', await (await get(`/v1/batches/${batch.id}`)).json())).toEqual([]);
      expect(specViolations('ListBatchesResponse', await (await get('/v1/batches')).json())).toEqual([]);
    });

    it('errors: bad key, unknown model, invalid body', async () => {
      const unauthorised = await fetch(`${fx.steward.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-nope', 'content-type': 'application/json' }, body: '{}' });
      expect(unauthorised.status).toBe(401);
      const missing = await post('/v1/chat/completions', { model: 'nosuch-model', messages: [{ role: 'user', content: 'x' }] });
      expect(missing.status).toBe(404);
      const invalid = await post('/v1/chat/completions', { model: 'mock/gpt-4o-mini', messages: [] });
      expect(invalid.status).toBe(400);
      for (const response of [unauthorised, missing, invalid]) {
        const body = await response.json();
        expect(specViolations('ErrorResponse', body)).toEqual([]);
      }
    });
  });
}
