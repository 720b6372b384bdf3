// A per-target concurrency cap with a bounded wait queue: callers beyond the cap wait in order;
// when the queue is full the call is refused at once (the gateway answers 429 with retry-after).

export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class ConcurrencyGate {
  readonly #limit: number;
  readonly #maxQueue: number;
  #active = 0;
  readonly #waiting: Waiter[] = [];

  constructor(options: { limit: number; maxQueue: number }) {
    this.#limit = options.limit;
    this.#maxQueue = options.maxQueue;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves with a release function once a slot is free.
   * @throws QueueFullError when the cap is reached and the queue is full; the signal's reason when aborted while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void> | (() => void) {
    if (this.#active < this.#limit) {
      this.#active += 1;
      return this.#releaser();
    }
    if (this.#waiting.length >= this.#maxQueue) throw new QueueFullError(`${this.#active} calls in flight and ${this.#waiting.length} queued`);
    return new Promise((resolve, reject) => {
      const entry: Waiter = { resolve: () => resolve(this.#releaser()), reject, signal };
      if (signal) {
        entry.onAbort = () => {
          const index = this.#waiting.indexOf(entry);
          if (index >= 0) this.#waiting.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.#waiting.push(entry);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) {
        if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
        next.resolve(); // the slot passes straight to the next caller
      } else {
        this.#active -= 1;
      }
    };
  }
}
