// Uses of a key that change state are in the audit log with the key that made them: feedback (which
// once was not), uploading and deleting a file, starting and cancelling a batch — through the
// official OpenAI client with a service key, as an application would.
import { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFixture, startGatewayFixture } from '../gateway/gateway-fixture.js';
import { ENGINES } from '../harness/engines.js';

describe.each(ENGINES)('audited key uses on $name', (engine) => {
  let fx: GatewayFixture;
  beforeAll(async () => {
    fx = await startGatewayFixture(engine);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const auditOf = async (action: string) => {
    const page = await fx.steward.api('GET', `/api/audit?limit=500&action=${action}`);
    return (page.body.data ?? []) as { actor: { id: string | null; name: string }; resourceId: string | null; after: unknown; before: unknown }[];
  };

  it('records feedback, file and batch writes with the key that made them', async () => {
    const keys = (await fx.steward.api('GET', '/api/keys')).body.data as { id: string; name: string }[];
    const app = keys.find((k) => k.name === 'app');
    expect(app).toBeDefined();

    const completion = await fx.client.chat.completions.create({ model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }).withResponse();
    const traceId = completion.response.headers.get('x-steward-trace-id');
    expect(traceId).toBeTruthy();
    await fx.steward.handle.services.gatewayServices.traceWriter.flush();
    const feedback = await fx.steward.api('POST', '/api/feedback', { body: { traceId, thumb: 'down', comment: 'a private remark about the answer' } });
    expect(feedback.status).toBe(201);
    const feedbackAudit = await auditOf('feedback.create');
    expect(feedbackAudit).toEqual([expect.objectContaining({ resourceId: feedback.body.id, after: expect.objectContaining({ traceId, thumb: 'down', comment: true }) })]);
    // The audit summary says there was a comment, never what it said.
    expect(JSON.stringify(feedbackAudit)).not.toContain('private remark');

    const file = await fx.client.files.create({ file: await toFile(Buffer.from('{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"mock/gpt-4o-mini","messages":[]}}\n'), 'in.jsonl'), purpose: 'batch' });
    const batch = await fx.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await fx.client.batches.cancel(batch.id).catch(() => undefined);
    const other = await fx.client.files.create({ file: await toFile(Buffer.from('{}\n'), 'other.jsonl'), purpose: 'batch' });
    await fx.client.files.delete(other.id);

    for (const [action, resource] of [
      ['files.create', file.id],
      ['batches.create', batch.id],
      ['files.delete', other.id],
    ] as const) {
      const entries = await auditOf(action);
      expect(entries.find((e) => e.resourceId === resource)?.actor, action).toMatchObject({ id: app?.id, name: 'app' });
    }
    expect((await fx.steward.api('GET', '/api/audit/verify')).body).toMatchObject({ ok: true });
  });
});
