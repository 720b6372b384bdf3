// With REDIS_URL, limit counters and the response cache live in Redis and are shared by replicas.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

const messages = [{ role: 'user' as const, content: 'shared' }];

describe.skipIf(!TEST_REDIS_URL)('gateway limits and cache in Redis', () => {
  let a: GatewayFixture;
  let b: GatewayFixture;
  beforeAll(async () => {
    const redisPrefix = `stw-test-${randomBytes(4).toString('hex')}`;
    a = await startGatewayFixture(ENGINES[0], { redisUrl: TEST_REDIS_URL, redisPrefix });
    const config = { name: 'shared', targets: [{ model: 'mock/gpt-4o-mini' }], limits: { requestsPerMinute: 3 }, cache: { enabled: true, ttlSeconds: 30 } };
    expect((await a.steward.api('POST', '/api/routes', { body: { config } })).status).toBe(201);
    // A replica of the same database (so the same project and route), started after the route exists.
    b = await startGatewayFixture(ENGINES[0], { redisUrl: TEST_REDIS_URL, redisPrefix, dataDir: a.steward.dataDir });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('answers from the other replica’s cache entry and counts requests across replicas', async () => {
    const first = await a.client.chat.completions.create({ model: 'shared', messages }).withResponse();
    expect(first.response.headers.get('x-steward-cache')).toBe('miss');
    const second = await b.client.chat.completions.create({ model: 'shared', messages }).withResponse();
    expect(second.response.headers.get('x-steward-cache')).toBe('hit');
    expect(b.mock.requests.length).toBe(0);
    expect(second.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    await a.client.chat.completions.create({ model: 'shared', messages: [{ role: 'user', content: 'other' }] });
    const refused = await b.steward.api('POST', '/v1/chat/completions', { key: b.serviceKey, body: { model: 'shared', messages } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('3');
  });
});
