// The change feed across replicas: Redis pub/sub on one channel; every replica, this one included,
// hears every event. Redis being away is survivable: a publish that cannot reach Redis is not an
// error (the write it announces is committed), and when a connection comes back every topic gets a
// full-refresh event, since notifications sent meanwhile were lost.
import { type RedisConnection, openRedis } from '../redis/redis-connection.js';
import type { ChangeEvent, ChangeFeed, ChangeListener } from './change-feed.js';
import { MemoryChangeFeed } from './memory-change-feed.js';

export interface RedisChangeFeedConfig {
  url: string;
  /** Channel name; distinct per deployment (and per test run). */
  channel?: string;
  log?: (level: 'info' | 'warn', message: string) => void;
}

/** Published after a reconnect by a replica whose publishes were lost: everyone refreshes. */
const REFRESH_ALL = '*';

export class RedisChangeFeed implements ChangeFeed {
  readonly #publisher: RedisConnection;
  readonly #subscriber: RedisConnection;
  readonly #local = new MemoryChangeFeed();
  readonly #topics = new Set<string>();
  readonly #channel: string;
  readonly #ready: Promise<unknown>;
  #lostPublishes = false;

  constructor(config: RedisChangeFeedConfig) {
    this.#channel = config.channel ?? 'steward:changes';
    const log = config.log ? (level: 'info' | 'warn', message: string) => config.log?.(level, message) : undefined;
    this.#publisher = openRedis(config.url, { role: 'change feed publisher', log });
    this.#subscriber = openRedis(config.url, { role: 'change feed', log, subscriber: true });
    this.#subscriber.redis.on('message', (_channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as ChangeEvent;
        if (event.topic === REFRESH_ALL) this.#refreshAll();
        else this.#local.deliver(event);
      } catch {
        // A message that is not ours is ignored.
      }
    });
    // ioredis re-subscribes on reconnect; what was published meanwhile is gone, so reload everything.
    this.#subscriber.onReconnect(() => this.#refreshAll());
    this.#publisher.onReconnect(() => {
      if (!this.#lostPublishes) return;
      this.#lostPublishes = false;
      void this.#publisher.redis.publish(this.#channel, JSON.stringify({ topic: REFRESH_ALL })).catch(() => {
        this.#lostPublishes = true;
      });
    });
    this.#ready = this.#subscriber.redis.subscribe(this.#channel).catch(() => undefined);
  }

  /** Resolves once the subscription is active (or failed; it is retried on reconnect). */
  ready(): Promise<unknown> {
    return this.#ready;
  }

  async publish(event: ChangeEvent): Promise<void> {
    // This replica hears its own change at once, even while Redis is away.
    if (!this.#publisher.ready) {
      this.#lostPublishes = true;
      this.#local.deliver(event);
      return;
    }
    try {
      await this.#publisher.redis.publish(this.#channel, JSON.stringify(event));
    } catch {
      this.#lostPublishes = true;
      this.#local.deliver(event);
    }
  }

  subscribe(topic: string, listener: ChangeListener): () => void {
    this.#topics.add(topic);
    return this.#local.subscribe(topic, listener);
  }

  async close(): Promise<void> {
    await this.#local.close();
    await this.#subscriber.close();
    await this.#publisher.close();
  }

  #refreshAll(): void {
    for (const topic of this.#topics) this.#local.deliver({ topic });
  }
}
