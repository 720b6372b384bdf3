// Cached responses in Redis, shared by every replica (SET with PX). While Redis is away every lookup
// is a miss and every store a no-op: the cache never fails or slows a request.
import type { Redis } from 'ioredis';
import type { ResponseCache } from './response-cache.js';

export class RedisResponseCache implements ResponseCache {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ready: () => boolean;

  constructor(options: { redis: Redis; prefix: string; ready?: () => boolean }) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
    this.#ready = options.ready ?? (() => true);
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.#ready()) return undefined;
    try {
      return (await this.#redis.get(`${this.#prefix}:cache:${key}`)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (!this.#ready()) return;
    try {
      await this.#redis.set(`${this.#prefix}:cache:${key}`, value, 'PX', Math.max(1, Math.round(ttlMs)));
    } catch {
      // A lost cache write only costs a later miss.
    }
  }

  async close(): Promise<void> {}
}
