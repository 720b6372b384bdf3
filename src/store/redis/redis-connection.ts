// Redis connections that survive Redis being away: commands fail fast instead of queueing without
// bound (callers fall back: local counters, cache misses), the client reconnects in the background,
// and an outage is logged once when it starts and once when it ends, never once per retry.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// Required on the first connection, not at import: installations without Redis never load it.
const require = createRequire(import.meta.url);

export type RedisLog = (level: 'warn' | 'info', message: string) => void;

export interface RedisConnectionOptions {
  /** What the connection is for, in log lines (`counters`, `change feed`). */
  role: string;
  log?: RedisLog;
  /** Subscribers queue their SUBSCRIBE until connected; command connections fail fast. */
  subscriber?: boolean;
}

export interface RedisConnection {
  redis: Redis;
  /** True while connected and ready for commands. */
  readonly ready: boolean;
  /** Calls `listener` every time the connection becomes ready again after it was lost. */
  onReconnect(listener: () => void): () => void;
  /** Resolves true once ready, false after `timeoutMs`. */
  waitReady(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export function openRedis(url: string, options: RedisConnectionOptions): RedisConnection {
  const log = options.log ?? (() => {});
  const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
  const redis = new RedisClient(url, {
    enableOfflineQueue: options.subscriber === true,
    maxRetriesPerRequest: options.subscriber ? null : 1,
    // Reconnect forever, at most every 2 s: Redis coming back later is the normal case.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
  });
  let wasReady = false;
  let down = false;
  const listeners = new Set<() => void>();
  redis.on('ready', () => {
    if (down) {
      log('info', `redis (${options.role}) is reachable again`);
      for (const listener of listeners) listener();
    }
    down = false;
    wasReady = true;
  });
  // Without an 'error' listener ioredis prints every failed reconnect; one line per outage is enough.
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log('warn', `redis (${options.role}) is unreachable${wasReady ? '' : ' at start'}: ${error.message}; retrying in the background`);
  });
  redis.on('close', () => {
    if (wasReady && !down) {
      down = true;
      log('warn', `redis (${options.role}) connection lost; retrying in the background`);
    }
  });
  return {
    redis,
    get ready() {
      return redis.status === 'ready';
    },
    onReconnect(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitReady(timeoutMs) {
      if (redis.status === 'ready') return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          redis.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        redis.once('ready', onReady);
      });
    },
    async close() {
      listeners.clear();
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}
