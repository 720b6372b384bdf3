// Two replicas sharing PostgreSQL and Redis: a key revoked on one is refused by the other at once,
// although both cache key lookups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

const postgres = ENGINES.find((e) => e.name === 'postgres');

describe.runIf(postgres && TEST_REDIS_URL)('replicas on PostgreSQL and Redis', () => {
  let a: TestSteward;
  let b: TestSteward;
  beforeAll(async () => {
    const redisPrefix = `stw-test-${randomBytes(4).toString('hex')}`;
    const overrides = { 'security.authCacheTtlMs': 600_000 };
    a = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix, overrides });
    b = await startTestSteward(postgres!, { redisUrl: TEST_REDIS_URL, redisPrefix, overrides, schema: a.schema, env: {} });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('propagates a revocation to the other replica’s cache', async () => {
    const created = await a.api('POST', '/api/keys', { body: { name: 'shared', role: 'developer' } });
    const { key, record } = created.body as { key: string; record: { id: string } };
    expect((await b.api('GET', '/api/me', { key })).status).toBe(200);
    expect((await a.api('POST', `/api/keys/${record.id}/revoke`)).status).toBe(200);
    let status = 0;
    // Polls until the revocation reaches the other replica; the bound (15 s) only turns a lost event into a failure.
    for (let i = 0; i < 3_000; i++) {
      status = (await b.api('GET', '/api/me', { key })).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
  });
});
