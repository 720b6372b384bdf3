// The embedded queue: a FIFO in memory with bounded concurrency. Jobs lost with the process are
// not lost to the user: queued jobs are in the store and are enqueued again at start.
import type { JobHandler, JobQueue } from './job-queue.js';

export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  readonly #concurrency: number;
  readonly #waiting: string[] = [];
  readonly #running = new Map<string, Promise<void>>();
  #handler: JobHandler | undefined;
  #closed = false;

  constructor(options: { concurrency?: number } = {}) {
    this.#concurrency = options.concurrency ?? 1;
  }

  async enqueue(jobId: string): Promise<void> {
    if (this.#closed || this.#waiting.includes(jobId) || this.#running.has(jobId)) return;
    this.#waiting.push(jobId);
    this.#pump();
  }

  start(handler: JobHandler): void {
    this.#handler = handler;
    this.#pump();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting.length = 0;
    await Promise.allSettled([...this.#running.values()]);
  }

  #pump(): void {
    const handler = this.#handler;
    if (!handler) return;
    while (!this.#closed && this.#running.size < this.#concurrency && this.#waiting.length > 0) {
      const jobId = this.#waiting.shift() as string;
      const run = handler(jobId)
        .catch(() => {})
        .finally(() => {
          this.#running.delete(jobId);
          this.#pump();
        });
      this.#running.set(jobId, run);
    }
  }
}
