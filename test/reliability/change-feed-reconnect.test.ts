// The Redis change feed across a Redis restart: notifications published while Redis was away are
// lost, so after the reconnect every subscribed topic gets a full-refresh event (no id), and
// publishing while Redis is away neither fails nor waits.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisChangeFeed } from '../../src/store/change-feed/redis-change-feed.js';
import type { ChangeEvent } from '../../src/store/index.js';
import { type PrivateRedis, privateRedis } from '../harness/private-redis.js';

describe('Redis change feed across a Redis restart', () => {
  let redis: PrivateRedis;
  let a: RedisChangeFeed;
  let b: RedisChangeFeed;
  beforeAll(async () => {
    redis = await privateRedis();
    a = new RedisChangeFeed({ url: redis.url, channel: 'feed-test' });
    b = new RedisChangeFeed({ url: redis.url, channel: 'feed-test' });
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.kill();
  });

  it('delivers across replicas, survives publishing while Redis is away, and refreshes every topic after the reconnect', async () => {
    const heard: ChangeEvent[] = [];
    b.subscribe('prices', (event) => heard.push(event));
    b.subscribe('routes', (event) => heard.push(event));
    await a.publish({ topic: 'prices', id: 'openai/gpt-4o' });
    await vi.waitFor(() => expect(heard).toEqual([{ topic: 'prices', id: 'openai/gpt-4o' }]));

    await redis.kill();
    await a.publish({ topic: 'routes', id: 'lost-while-away' });
    heard.length = 0;
    await redis.start();
    await vi.waitFor(() => expect(heard).toEqual(expect.arrayContaining([{ topic: 'prices' }, { topic: 'routes' }])), { timeout: 20_000, interval: 50 });
    expect(heard.every((event) => event.id === undefined)).toBe(true);

    heard.length = 0;
    await a.publish({ topic: 'prices', id: 'after' });
    await vi.waitFor(() => expect(heard).toContainEqual({ topic: 'prices', id: 'after' }), { timeout: 10_000 });
  });
});
