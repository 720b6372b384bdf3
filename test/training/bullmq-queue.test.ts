// Training jobs on BullMQ over the real Redis (STEWARD_TEST_REDIS_URL): two replicas share one
// queue under a unique prefix; each job runs once, on one of them.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const TRAINER = fileURLToPath(new URL('./fixtures/tiny-trainer.mjs', import.meta.url));
const postgres = ENGINES.find((e) => e.name === 'postgres');

describe.skipIf(!TEST_REDIS_URL || !postgres)('training on BullMQ (postgres + redis)', () => {
  it('runs every job exactly once across two replicas', async () => {
    const engine = postgres as NonNullable<typeof postgres>;
    const redisPrefix = `stw-test-${randomBytes(4).toString('hex')}`;
    const a = await startTestSteward(engine, { redisUrl: TEST_REDIS_URL, redisPrefix });
    let b: TestSteward | undefined;
    try {
      b = await startTestSteward(engine, { redisUrl: TEST_REDIS_URL, redisPrefix, schema: a.schema, dataDir: a.dataDir });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await (i % 2 ? b : a).api('POST', '/api/training/jobs', {
          body: { backend: 'command', method: 'sft', baseModel: 'b', outputModel: `m${i}`, items: [{ input: 'q', reference: 'a' }], hyperParameters: { epochs: 1 }, backendConfig: { command: process.execPath, args: [TRAINER] } },
        });
        expect(res.status).toBe(201);
        ids.push(res.body.id as string);
      }
      const deadline = Date.now() + 30_000;
      for (const id of ids) {
        for (;;) {
          const job = (await a.api('GET', `/api/training/jobs/${id}`)).body;
          if (job.state === 'succeeded') break;
          if (job.state === 'failed' || Date.now() > deadline) throw new Error(`job ${id} ${job.state}: ${job.error}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const logs = (await a.api('GET', `/api/training/jobs/${id}/logs?kind=log`)).body.data as { message: string }[];
        // One attempt ran: the trainer's first line appears once.
        expect(logs.filter((l) => l.message.startsWith('training sft on 1 rows')).length).toBe(1);
      }
    } finally {
      await b?.close();
      await a.close();
    }
  });
});
