// Counters in Redis, shared by every replica: one Lua script adds and sets the expiry atomically.
import type { Redis } from 'ioredis';
import type { CounterStore } from './counter-store.js';

const ADD_SCRIPT = `
local v = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
return v`;

export class RedisCounterStore implements CounterStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(options: { redis: Redis; prefix: string }) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
  }

  async add(key: string, amount: number, resetAt: number): Promise<number> {
    const value = await this.#redis.eval(ADD_SCRIPT, 1, `${this.#prefix}:ctr:${key}`, String(amount), String(resetAt));
    return Number(value);
  }

  async get(key: string): Promise<number> {
    const value = await this.#redis.get(`${this.#prefix}:ctr:${key}`);
    return value === null ? 0 : Number(value);
  }

  async close(): Promise<void> {}
}
