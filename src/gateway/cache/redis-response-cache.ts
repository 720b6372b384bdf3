// Cached responses in Redis, shared by every replica (SET with PX).
import type { Redis } from 'ioredis';
import type { ResponseCache } from './response-cache.js';

export class RedisResponseCache implements ResponseCache {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(options: { redis: Redis; prefix: string }) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(`${this.#prefix}:cache:${key}`)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#redis.set(`${this.#prefix}:cache:${key}`, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async close(): Promise<void> {}
}
