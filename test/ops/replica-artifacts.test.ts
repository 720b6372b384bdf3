// Two replicas on one PostgreSQL schema and Redis: a model fine-tuned by whichever replica ran the
// job is answered by both, the other fetching the adapter from the artifact store on first use
// (it used to answer 404 "builtin model ft-… not found": the adapter lived in one data dir).
// Files of the Batch API too: a file uploaded to one replica, and the output of a batch whichever
// replica ran it, are served by the other from the artifact store, the same bytes on both. And a
// batch runs on one replica at a time: the other, polling while it runs, leaves it alone.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startAnsweringStandIn } from '../stand-ins/answering-openai-stand-in.js';
import type { StandIn } from '../stand-ins/index.js';
import { TINY_JOB, finishedJob } from './training-job-fixture.js';

const postgres = ENGINES.find((e) => e.name === 'postgres');

describe.runIf(postgres && TEST_REDIS_URL)('a fine-tuned model on every replica (PostgreSQL + Redis)', () => {
  let a: TestSteward;
  let b: TestSteward;
  let upstream: StandIn;
  beforeAll(async () => {
    upstream = await startAnsweringStandIn((_model, text) => `answer to ${text}`);
    const redisPrefix = `stw-test-${randomBytes(4).toString('hex')}`;
    const overrides = { providers: [{ name: 'mock', family: 'openai', baseUrl: upstream.url }] };
    a = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix, overrides });
    b = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix, schema: a.schema, overrides });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await upstream?.close();
  });

  it('answers the new version on both replicas, the same way', async () => {
    const created = await a.api('POST', '/api/training/jobs', { body: { ...TINY_JOB, outputModel: 'shared-adder' } });
    expect(created.status).toBe(201);
    const job = await finishedJob(a, created.body.id as string);
    expect(job).toMatchObject({ state: 'succeeded', error: null });
    const versions = (await a.api('GET', '/api/models/shared-adder/versions')).body.data as { name: string }[];
    const version = versions[0].name;
    const servedAs = ((job.output as { spec: { artifact: { path: string } } }).spec.artifact.path) as string;
    // Exactly one replica ran the job; the other has nothing of it in its data dir.
    const [trainer, other] = existsSync(join(a.dataDir, 'models', servedAs)) ? [a, b] : [b, a];
    expect(existsSync(join(other.dataDir, 'models', servedAs))).toBe(false);
    const ask = (s: TestSteward) => s.api('POST', '/v1/chat/completions', { body: { model: version, messages: [{ role: 'user', content: 'add 2 and 1' }], temperature: 0, max_tokens: 8, seed: 1 } });
    const fromTrainer = await ask(trainer);
    const fromOther = await ask(other);
    expect(fromTrainer.status).toBe(200);
    expect(fromOther.status, fromOther.text).toBe(200);
    const text = (r: typeof fromOther) => (r.body.choices as { message: { content: string } }[])[0].message.content;
    expect(text(fromOther)).toBe(text(fromTrainer));
    // The other replica now holds a verified copy in its own cache.
    expect(existsSync(join(other.dataDir, 'artifact-cache', 'models', servedAs, 'adapter.safetensors'))).toBe(true);
    // Both list the new version and the builtin model it pins, whichever holds a copy: the same list.
    const listed = async (s: TestSteward) => ((await s.api('GET', '/v1/models')).body.data as { id: string }[]).map((m) => m.id).sort();
    expect(await listed(other)).toEqual(expect.arrayContaining([version, `builtin/${servedAs}`]));
    expect(await listed(other)).toEqual(await listed(trainer));
  });

  it('serves a file uploaded to one replica, and a batch output, from the other', async () => {
    const client = (s: TestSteward) => new OpenAI({ apiKey: s.adminKey, baseURL: `${s.url}/v1`, maxRetries: 0 });
    const lines = ['one', 'two'].map((word) => ({ custom_id: word, method: 'POST', url: '/v1/chat/completions', body: { model: 'builtin/steward-mini', messages: [{ role: 'user', content: `Reverse the word ${word}` }], max_tokens: 4, temperature: 0 } }));
    const input = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
    const uploaded = await client(a).files.create({ file: await toFile(Buffer.from(input), 'input.jsonl'), purpose: 'batch' });
    expect(existsSync(join(b.dataDir, 'files', `${uploaded.id}.bin`))).toBe(false);
    expect(await client(b).files.retrieve(uploaded.id)).toMatchObject({ id: uploaded.id, bytes: Buffer.byteLength(input), filename: 'input.jsonl' });
    expect(await (await client(b).files.content(uploaded.id)).text()).toBe(input);
    // Either replica may pick the batch up (each polls for new ones); it reads the input from the store.
    const batch = await client(b).batches.create({ input_file_id: uploaded.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    let current = batch;
    // The bound (60 s) only turns a batch that never finishes into a failure.
    for (let i = 0; i < 600 && !['completed', 'failed', 'cancelled'].includes(current.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await client(a).batches.retrieve(batch.id);
    }
    expect(current).toMatchObject({ status: 'completed', request_counts: { total: 2, completed: 2, failed: 0 } });
    // Whichever replica ran it, both serve the registered output, byte for byte.
    const outputId = current.output_file_id ?? '';
    const fromA = await (await client(a).files.content(outputId)).text();
    const fromB = await (await client(b).files.content(outputId)).text();
    expect(fromB).toBe(fromA);
    expect(fromA.trim().split('\n').map((line) => (JSON.parse(line) as { custom_id: string }).custom_id).sort()).toEqual(['one', 'two']);
  });

  it('runs a batch on one replica only, while the other polls for work', async () => {
    const client = new OpenAI({ apiKey: a.adminKey, baseURL: `${a.url}/v1`, maxRetries: 0 });
    const words = ['alpha', 'beta', 'gamma'];
    const input = words.map((word) => JSON.stringify({ custom_id: word, method: 'POST', url: '/v1/chat/completions', body: { model: 'mock/gpt-4o-mini', messages: [{ role: 'user', content: word }] } })).join('\n');
    const uploaded = await client.files.create({ file: await toFile(Buffer.from(`${input}\n`), 'held.jsonl'), purpose: 'batch' });
    // The upstream holds every answer until the test lets go, so the batch is still running below.
    let release = () => {};
    upstream.setBehaviour({ mode: 'hold', until: new Promise<void>((resolve) => (release = resolve)) }, { times: 100 });
    const before = upstream.requests.length;
    const batch = await client.batches.create({ input_file_id: uploaded.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await expect.poll(() => upstream.requests.length - before, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    // Both replicas look for work now (what their pollers do every 2 s): the one not running it must leave it.
    await Promise.all([a.handle.services.gatewayServices.batches.pickUp(), b.handle.services.gatewayServices.batches.pickUp()]);
    release();
    upstream.setBehaviour({ mode: 'ok' });
    // The bound (60 s) only turns a batch that never finishes into a failure.
    await expect.poll(async () => (await client.batches.retrieve(batch.id)).status, { timeout: 60_000 }).toMatch(/^(completed|failed|cancelled)$/);
    const current = await client.batches.retrieve(batch.id);
    expect(current).toMatchObject({ status: 'completed', request_counts: { total: 3, completed: 3, failed: 0 } });
    // Each line reached the upstream once: no second replica sent them again.
    const sent = upstream.requests.slice(before).map((request) => (request.body as { messages: { content: string }[] }).messages[0].content).sort();
    expect(sent).toEqual([...words].sort());
    const output = await (await client.files.content(current.output_file_id ?? '')).text();
    expect(output.trim().split('\n').map((line) => (JSON.parse(line) as { custom_id: string }).custom_id).sort()).toEqual([...words].sort());
  });
});
