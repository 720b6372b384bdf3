// Background work that runs every N milliseconds without ever overlapping itself: a tick that is
// still running when the next is due makes that one skip. Stopping waits for the running tick.

export interface PeriodicTaskOptions {
  /** Milliseconds between ticks; 0 or less means the task never runs on its own. */
  intervalMs: number;
  run: () => Promise<unknown>;
  onError?: (error: unknown) => void;
}

/**
 * @example
 * const task = new PeriodicTask({ intervalMs: 10_000, run: () => worker.tick() });
 * task.start();
 * await task.stop(); // on shutdown
 */
export class PeriodicTask {
  readonly #options: PeriodicTaskOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(options: PeriodicTaskOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#options.intervalMs <= 0 || this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.#running = this.#options
        .run()
        .catch((error: unknown) => this.#options.onError?.(error))
        .finally(() => {
          this.#running = undefined;
        });
    }, this.#options.intervalMs);
    // Background work never keeps the process alive on its own.
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
