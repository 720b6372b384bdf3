// Counters in this process: a map swept of expired windows as it grows.
import type { CounterStore } from './counter-store.js';

export class MemoryCounterStore implements CounterStore {
  readonly #counters = new Map<string, { value: number; resetAt: number }>();
  #nextSweep = 0;

  async add(key: string, amount: number, resetAt: number): Promise<number> {
    return this.addSync(key, amount, resetAt);
  }

  addSync(key: string, amount: number, resetAt: number): number {
    const now = Date.now();
    if (now >= this.#nextSweep) this.#sweep(now);
    const counter = this.#counters.get(key);
    if (!counter || counter.resetAt <= now) {
      this.#counters.set(key, { value: amount, resetAt });
      return amount;
    }
    counter.value += amount;
    return counter.value;
  }

  async get(key: string): Promise<number> {
    const counter = this.#counters.get(key);
    return counter && counter.resetAt > Date.now() ? counter.value : 0;
  }

  async close(): Promise<void> {
    this.#counters.clear();
  }

  #sweep(now: number): void {
    this.#nextSweep = now + 10_000;
    for (const [key, counter] of this.#counters) if (counter.resetAt <= now) this.#counters.delete(key);
  }
}
