// Two replicas on one PostgreSQL schema and Redis: a model fine-tuned by whichever replica ran the
// job is answered by both, the other fetching the adapter from the artifact store on first use
// (it used to answer 404 "builtin model ft-… not found": the adapter lived in one data dir).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { TINY_JOB, finishedJob } from './training-job-fixture.js';

const postgres = ENGINES.find((e) => e.name === 'postgres');

describe.runIf(postgres && TEST_REDIS_URL)('a fine-tuned model on every replica (PostgreSQL + Redis)', () => {
  let a: TestSteward;
  let b: TestSteward;
  beforeAll(async () => {
    const redisPrefix = `stw-test-${randomBytes(4).toString('hex')}`;
    a = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix });
    b = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix, schema: a.schema });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
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
  });
});
