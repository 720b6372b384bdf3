// Counters in Redis, shared by every replica. Each counter is three keys: the used value, a hash of
// live reservations (request id → amount) and a sorted set of their expiries. One Lua script checks
// and reserves every counter of an admission atomically; another settles.
import type { Redis } from 'ioredis';
import type { CounterAdd, CounterCheck, CounterReading, CounterStore, ReserveOutcome } from './counter-store.js';

// Drops expired reservations of counter i and returns used, reserved.
const READ_ONE = `
local function read_one(v, h, z, now)
  local expired = redis.call('ZRANGEBYSCORE', z, '-inf', now)
  for _, e in ipairs(expired) do redis.call('HDEL', h, e) end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', z, '-inf', now) end
  local u = tonumber(redis.call('GET', v) or '0')
  local r = 0
  for _, a in ipairs(redis.call('HVALS', h)) do r = r + tonumber(a) end
  return u, r
end`;

// KEYS: v1 h1 z1 v2 h2 z2 …  ARGV: id, expiresAt, now, then per counter: limit ('' = none), amount, resetAt, mode (c|r)
const RESERVE_SCRIPT = `${READ_ONE}
local id, exp, now = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local n = #KEYS / 3
local out = {1}
for i = 1, n do
  local u, r = read_one(KEYS[3*i-2], KEYS[3*i-1], KEYS[3*i], now)
  local b = 3 + 4 * (i - 1)
  if ARGV[b+4] == 'c' then out[#out+1] = tostring(u + tonumber(ARGV[b+2])); out[#out+1] = tostring(r)
  else out[#out+1] = tostring(u); out[#out+1] = tostring(r + tonumber(ARGV[b+2])) end
  if ARGV[b+1] ~= '' then
    local limit, amount = tonumber(ARGV[b+1]), tonumber(ARGV[b+2])
    local total = u + amount
    if ARGV[b+4] == 'r' then total = total + r end
    if total > limit then return {0, i - 1, tostring(u), tostring(r)} end
  end
end
for i = 1, n do
  local v, h, z = KEYS[3*i-2], KEYS[3*i-1], KEYS[3*i]
  local b = 3 + 4 * (i - 1)
  local resetAt = tonumber(ARGV[b+3])
  if ARGV[b+4] == 'c' then
    redis.call('INCRBYFLOAT', v, ARGV[b+2])
    if redis.call('PTTL', v) < 0 then redis.call('PEXPIREAT', v, resetAt) end
  else
    redis.call('HSET', h, id, ARGV[b+2])
    redis.call('ZADD', z, exp, id)
    local keep = math.max(exp, resetAt)
    redis.call('PEXPIREAT', h, keep)
    redis.call('PEXPIREAT', z, keep)
  end
end
return out`;

// KEYS: h1 z1 … (nReserved pairs), then value keys  ARGV: id, nReserved, then per value key: amount, resetAt
const SETTLE_SCRIPT = `
local id, nr = ARGV[1], tonumber(ARGV[2])
for i = 1, nr do
  redis.call('HDEL', KEYS[2*i-1], id)
  redis.call('ZREM', KEYS[2*i], id)
end
local j = 0
for i = 2*nr + 1, #KEYS do
  local b = 2 + 2 * j
  redis.call('INCRBYFLOAT', KEYS[i], ARGV[b+1])
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIREAT', KEYS[i], ARGV[b+2]) end
  j = j + 1
end
return 1`;

// KEYS: v1 h1 z1 …  ARGV: now
const READ_SCRIPT = `${READ_ONE}
local out = {}
for i = 1, #KEYS / 3 do
  local u, r = read_one(KEYS[3*i-2], KEYS[3*i-1], KEYS[3*i], tonumber(ARGV[1]))
  out[#out+1] = tostring(u)
  out[#out+1] = tostring(r)
end
return out`;

type ScriptRedis = Redis & {
  stewardReserve(...args: (string | number)[]): Promise<unknown[]>;
  stewardSettle(...args: (string | number)[]): Promise<unknown>;
  stewardRead(...args: (string | number)[]): Promise<string[]>;
};

export class RedisCounterStore implements CounterStore {
  readonly #redis: ScriptRedis;
  readonly #prefix: string;

  constructor(options: { redis: Redis; prefix: string }) {
    const redis = options.redis as ScriptRedis;
    if (typeof redis.stewardReserve !== 'function') {
      redis.defineCommand('stewardReserve', { lua: RESERVE_SCRIPT });
      redis.defineCommand('stewardSettle', { lua: SETTLE_SCRIPT });
      redis.defineCommand('stewardRead', { lua: READ_SCRIPT });
    }
    this.#redis = redis;
    this.#prefix = options.prefix;
  }

  async reserve(id: string, checks: readonly CounterCheck[], expiresAt: number, now: number): Promise<ReserveOutcome> {
    const keys = checks.flatMap((check) => this.#keys(check.key));
    const args = checks.flatMap((check) => [check.limit === undefined ? '' : String(check.limit), String(check.amount), String(check.resetAt), check.mode === 'count' ? 'c' : 'r']);
    const result = await this.#redis.stewardReserve(keys.length, ...keys, id, String(expiresAt), String(now), ...args);
    if (Number(result[0]) === 1) return { ok: true, readings: checks.map((_, i) => ({ used: Number(result[1 + 2 * i]), reserved: Number(result[2 + 2 * i]) })) };
    return { ok: false, index: Number(result[1]), used: Number(result[2]), reserved: Number(result[3]) };
  }

  async settle(id: string, reservedKeys: readonly string[], adds: readonly CounterAdd[], _now: number): Promise<void> {
    const nonZero = adds.filter((add) => add.amount !== 0);
    if (reservedKeys.length === 0 && nonZero.length === 0) return;
    const keys = [...reservedKeys.flatMap((key) => this.#keys(key).slice(1)), ...nonZero.map((add) => this.#keys(add.key)[0])];
    const args = nonZero.flatMap((add) => [String(add.amount), String(add.resetAt)]);
    await this.#redis.stewardSettle(keys.length, ...keys, id, String(reservedKeys.length), ...args);
  }

  async read(keys: readonly string[], now: number): Promise<CounterReading[]> {
    if (keys.length === 0) return [];
    const redisKeys = keys.flatMap((key) => this.#keys(key));
    const out = await this.#redis.stewardRead(redisKeys.length, ...redisKeys, String(now));
    return keys.map((_, i) => ({ used: Number(out[2 * i]), reserved: Number(out[2 * i + 1]) }));
  }

  async close(): Promise<void> {}

  #keys(key: string): [string, string, string] {
    const base = `${this.#prefix}:ctr:${key}`;
    return [base, `${base}:held`, `${base}:exp`];
  }
}
