// Redis away, at start or mid-run, on a private redis-server killed and restarted by the test: the
// server does not crash or flood its log, limits keep holding on this replica's counters (the
// steward_redis_degraded gauge says so), the cache misses, and once Redis is back the counters are
// reconciled into it and the change feed refreshes what it may have missed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type PrivateRedis, privateRedis } from '../harness/private-redis.js';
import { startStewardChild } from '../harness/steward-child.js';
import { startOpenAiStandIn } from '../stand-ins/index.js';
import { type GatewayFixture, startGatewayFixture } from '../gateway/gateway-fixture.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const messages = [{ role: 'user' as const, content: 'Hello' }];
// A day ahead of the wall clock: Redis expires counters at their window's end by its own clock.
const NOW = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 + 12 * 3_600_000 + 30_000;
const engine = ENGINES[0];

describe('Redis killed mid-run', () => {
  let redis: PrivateRedis;
  let fx: GatewayFixture;
  beforeAll(async () => {
    redis = await privateRedis();
    fx = await startGatewayFixture(engine, { redisUrl: redis.url, now: () => NOW });
  });
  afterAll(async () => {
    await fx?.close();
    await redis?.kill();
  });

  const degraded = async () => /^steward_redis_degraded (\d)$/m.exec((await fx.steward.api('GET', '/metrics')).text)?.[1];

  it('keeps limits on local counters while Redis is away and reconciles them when it is back', async () => {
    const key = await fx.steward.api('POST', '/api/keys', { body: { name: 'limited', role: 'service' } });
    const keyId = (key.body.record as { id: string }).id;
    const secret = String(key.body.key);
    expect((await fx.steward.api('PUT', `/api/limits/keys/${keyId}`, { body: { requestsPerMinute: 6, tokensPerMinute: 100_000 } })).status).toBe(200);
    await fx.steward.api('POST', '/api/routes', { body: { config: { name: 'cached', targets: [{ model: 'mock/gpt-4o-mini' }], cache: { enabled: true, ttlSeconds: 600 } } } });
    const call = (model = 'mock/gpt-4o-mini') => fx.steward.api('POST', '/v1/chat/completions', { key: secret, body: { model, messages } });
    expect((await call()).status).toBe(200);
    expect((await call('cached')).headers.get('x-steward-cache')).toBe('miss');
    expect((await call('cached')).headers.get('x-steward-cache')).toBe('hit');
    expect(await degraded()).toBe('0');

    await redis.kill();
    const during = [await call(), await call('cached'), await call()];
    expect(during.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(during[1].headers.get('x-steward-cache')).toBe('miss');
    expect(await degraded()).toBe('1');
    // Locally counted: 3 of this minute's 6 were made while Redis was away; the local limit holds.
    const more = [await call(), await call(), await call(), await call()];
    expect(more.map((a) => a.status)).toEqual([200, 200, 200, 429]);

    await redis.start();
    await vi.waitFor(async () => expect(await degraded()).toBe('0'), { timeout: 20_000, interval: 100 });
    const usage = (await fx.steward.api('GET', `/api/limits/keys/${keyId}`)).body.usage as { tokens: { used: number } };
    // Redis restarted empty: what it holds now is exactly what was settled while it was away (6 calls of 29 tokens).
    expect(usage.tokens.used).toBe(6 * 29);
    expect((await call()).status).toBe(200);
  });
});

describe('Redis unreachable at start', () => {
  it('starts, serves, logs a few lines instead of a flood, and uses Redis once it appears', async () => {
    const redis = await privateRedis({ started: false });
    const upstream = await startOpenAiStandIn();
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-noredis-'));
    const adminKey = `sk-stw-test-admin-${randomBytes(12).toString('hex')}`;
    const child = await startStewardChild({
      overrides: { dataDir, 'server.logLevel': 'info', 'security.adminKey': adminKey, 'store.redisUrl': redis.url, providers: [{ name: 'up', family: 'openai', baseUrl: upstream.url }] },
    });
    try {
      const call = () =>
        fetch(`${child.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'up/gpt-4o-mini', messages }),
        });
      for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
      await redis.start();
      await vi.waitFor(() => expect(child.stderr()).toMatch(/redis \(limits and cache\) is reachable again/), { timeout: 20_000, interval: 100 });
      expect((await call()).status).toBe(200);
      expect(child.process.exitCode).toBe(null);
      const redisLines = child.stderr().split('\n').filter((line) => /redis/i.test(line));
      // One line per connection when it goes, one when it is back: no line per retry.
      expect(redisLines.length).toBeLessThanOrEqual(8);
    } finally {
      await child.stop();
      await upstream.close();
      await redis.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
