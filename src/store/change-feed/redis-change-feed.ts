// The change feed across replicas: Redis pub/sub on one channel; every replica, this one included,
// hears every event.
import { Redis } from 'ioredis';
import type { ChangeEvent, ChangeFeed, ChangeListener } from './change-feed.js';
import { MemoryChangeFeed } from './memory-change-feed.js';

export interface RedisChangeFeedConfig {
  url: string;
  /** Channel name; distinct per deployment (and per test run). */
  channel?: string;
}

export class RedisChangeFeed implements ChangeFeed {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #local = new MemoryChangeFeed();
  readonly #channel: string;
  readonly #ready: Promise<unknown>;

  constructor(config: RedisChangeFeedConfig) {
    this.#channel = config.channel ?? 'steward:changes';
    this.#publisher = new Redis(config.url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.#subscriber = new Redis(config.url, { lazyConnect: false });
    this.#subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.#local.deliver(JSON.parse(message) as ChangeEvent);
      } catch {
        // A message that is not ours is ignored.
      }
    });
    this.#ready = this.#subscriber.subscribe(this.#channel);
  }

  /** Resolves once the subscription is active. */
  ready(): Promise<unknown> {
    return this.#ready;
  }

  async publish(event: ChangeEvent): Promise<void> {
    await this.#publisher.publish(this.#channel, JSON.stringify(event));
  }

  subscribe(topic: string, listener: ChangeListener): () => void {
    return this.#local.subscribe(topic, listener);
  }

  async close(): Promise<void> {
    await this.#local.close();
    this.#subscriber.disconnect();
    this.#publisher.disconnect();
  }
}
