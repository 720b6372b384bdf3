// Wires the limit counters, the response cache and their Redis connection: Redis (with a fallback to
// this replica's counters while it is away) when configured, else in-memory counters persisted to the
// store with the trace batches.
import type { Registry } from 'prom-client';
import type { StewardConfig } from '../config/index.js';
import { LimitEnforcer, MemoryCounterStore, MemoryResponseCache, RedisCounterStore, RedisResponseCache } from '../gateway/index.js';
import type { ResponseCache } from '../gateway/cache/response-cache.js';
import type { GatewaySettings } from '../gateway/gateway-settings.js';
import { CounterPersistence } from '../gateway/limits/counter-persistence.js';
import { FailoverCounterStore } from '../gateway/limits/failover-counter-store.js';
import type { Store } from '../store/index.js';
import { openRedis } from '../store/redis/redis-connection.js';
import type { Lifecycle } from './lifecycle.js';
import type { ProcessLog } from './process-log.js';
import { redisDegradedGauge } from './reliability-metrics.js';

export interface BuiltLimits {
  limits: LimitEnforcer;
  cache: ResponseCache;
  /** Written behind with every trace batch (in-memory counters only). */
  persistCounters: (() => Promise<void>) | undefined;
}

export async function buildLimits(o: { config: StewardConfig; settings: GatewaySettings; store: Store; metrics: Registry; lifecycle: Lifecycle; redisPrefix?: string; log: ProcessLog; now?: () => number }): Promise<BuiltLimits> {
  const reservationTtlMs = o.settings.limits.reservationTtlMs;
  const prefix = o.redisPrefix ?? 'steward';
  if (!o.config.store.redisUrl) {
    const counters = new MemoryCounterStore();
    const persistence = new CounterPersistence({ store: o.store, counters, now: o.now });
    await persistence.load();
    // The last counters changed since the last batch are written before the store closes.
    o.lifecycle.onClose('limit counters', () => persistence.persist().catch((error: unknown) => o.log('warn', 'limit counters could not be persisted', error)));
    return {
      limits: new LimitEnforcer(counters, { reservationTtlMs, now: o.now }),
      cache: new MemoryResponseCache({ maxEntries: o.settings.cache.maxEntries }),
      persistCounters: () => persistence.persist(),
    };
  }
  const connection = openRedis(o.config.store.redisUrl, { role: 'limits and cache', log: (level, message) => o.log(level, message) });
  o.lifecycle.onClose('gateway redis', () => connection.close());
  // A Redis that is away at start is not fatal: limits start on local counters and switch over.
  await connection.waitReady(2_000);
  const setDegraded = redisDegradedGauge(o.metrics);
  const counters = new FailoverCounterStore({
    primary: new RedisCounterStore({ redis: connection.redis, prefix }),
    primaryReady: () => connection.ready,
    onPrimaryBack: (listener) => connection.onReconnect(listener),
    onDegraded: setDegraded,
    log: (level, message) => o.log(level, message),
  });
  return {
    limits: new LimitEnforcer(counters, { reservationTtlMs, now: o.now }),
    cache: new RedisResponseCache({ redis: connection.redis, prefix, ready: () => connection.ready }),
    persistCounters: undefined,
  };
}
