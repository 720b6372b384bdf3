// The Batch API through the official client: upload JSONL, create, poll, download output and errors.
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

for (const engine of ENGINES) {
  describe(`gateway batches (${engine.name})`, () => {
    let fx: GatewayFixture;
    beforeAll(async () => {
      fx = await startGatewayFixture(engine);
    });
    afterAll(async () => {
      await fx?.close();
    });

    it('runs a batch in the background and serves its output and error files', async () => {
      const lines = [
        { custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'one' }] } },
        { custom_id: 'b', method: 'POST', url: '/v1/chat/completions', body: { model: 'backup/gpt-4o', messages: [{ role: 'user', content: 'two' }] } },
        { custom_id: 'c', method: 'POST', url: '/v1/chat/completions', body: { model: 'nowhere/x', messages: [{ role: 'user', content: 'three' }] } },
      ];
      const file = await fx.client.files.create({ file: await toFile(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 'input.jsonl'), purpose: 'batch' });
      expect(file.purpose).toBe('batch');
      const batch = await fx.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' } });
      expect(batch.request_counts?.total).toBe(3);
      let current = batch;
      for (let i = 0; i < 600 && !['completed', 'failed', 'cancelled'].includes(current.status); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        current = await fx.client.batches.retrieve(batch.id);
      }
      expect(current.status).toBe('completed');
      expect(current.request_counts).toMatchObject({ total: 3, completed: 2, failed: 1 });
      const output = await (await fx.client.files.content(current.output_file_id ?? '')).text();
      const answers = output.trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; response: { status_code: number; request_id: string } });
      expect(answers.map((a) => a.custom_id).sort()).toEqual(['a', 'b']);
      expect(answers.every((a) => a.response.status_code === 200)).toBe(true);
      const errors = await (await fx.client.files.content(current.error_file_id ?? '')).text();
      expect(JSON.parse(errors.trim()) as { custom_id: string; response: { status_code: number } }).toMatchObject({ custom_id: 'c', response: { status_code: 404 } });
      const trace = await fx.steward.api('GET', `/api/traces/${answers[0].response.request_id}`);
      expect(trace.body.batchId).toBe(batch.id);
      const list = await fx.client.batches.list();
      expect(list.data.map((b) => b.id)).toContain(batch.id);
    });

    it('refuses a malformed input file and unknown ids in OpenAI’s shape', async () => {
      const file = await fx.client.files.create({ file: await toFile(Buffer.from('{"custom_id":"a"}\nnot json'), 'bad.jsonl'), purpose: 'batch' });
      const error = await fx.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(await fx.client.batches.retrieve('batch_nope').catch((e: unknown) => e)).toBeInstanceOf(OpenAI.NotFoundError);
      expect(await fx.client.files.retrieve('file_nope').catch((e: unknown) => e)).toBeInstanceOf(OpenAI.NotFoundError);
    });
  });
}
