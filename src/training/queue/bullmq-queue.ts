// Training jobs on Redis through BullMQ, for several replicas (every replica may enqueue, one worker
// takes each message). An id enqueued twice (every replica re-enqueues queued jobs at start) runs
// once, because the store's atomic claim lets only one runner move it from queued to running.
import { createRequire } from 'node:module';
import type { Queue, Worker } from 'bullmq';
import type { JobHandler, JobQueue } from './job-queue.js';

export interface BullMqQueueOptions {
  redisUrl: string;
  /** Key prefix, so tests and several installations share one Redis. */
  prefix?: string;
  name?: string;
  concurrency?: number;
}

function connectionOf(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

// Required when a queue is made, not at import: BullMQ costs start-up that only Redis setups need.
const require = createRequire(import.meta.url);
const bullmq = (): typeof import('bullmq') => require('bullmq');

/** How long close() waits for the worker before it drops its Redis connections. */
const CLOSE_WAIT_MS = 5_000;

export class BullMqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  readonly #options: Required<Omit<BullMqQueueOptions, 'prefix'>> & { prefix: string };
  readonly #queue: Queue;
  #worker: Worker | undefined;

  constructor(options: BullMqQueueOptions) {
    this.#options = { name: 'training', concurrency: 1, prefix: 'steward', ...options };
    this.#queue = new (bullmq().Queue)(this.#options.name, { connection: connectionOf(options.redisUrl), prefix: this.#options.prefix });
    // Redis away: BullMQ reconnects by itself and jobs wait; an 'error' without a listener would crash the process.
    this.#queue.on('error', () => {});
  }

  async enqueue(jobId: string): Promise<void> {
    // The store decides whether a job may run (atomic claim); BullMQ only carries the id.
    await this.#queue.add('train', { jobId }, { jobId: `${jobId}-${Date.now()}`, removeOnComplete: 1000, removeOnFail: 1000, attempts: 1 });
  }

  start(handler: JobHandler): void {
    this.#worker = new (bullmq().Worker)(
      this.#options.name,
      async (job) => {
        await handler((job.data as { jobId: string }).jobId);
      },
      { connection: connectionOf(this.#options.redisUrl), prefix: this.#options.prefix, concurrency: this.#options.concurrency, autorun: true },
    );
    this.#worker.on('error', () => {});
  }

  async close(): Promise<void> {
    // After Redis went away and came back, BullMQ's worker.close() can wait on its blocking
    // connection indefinitely: wait for running jobs a bounded time, then drop the connections.
    const worker = this.#worker;
    if (worker) {
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([worker.close().then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_WAIT_MS)))]);
      clearTimeout(timer);
      if (!closed) await worker.disconnect().catch(() => undefined);
    }
    await this.#queue.close();
  }
}
