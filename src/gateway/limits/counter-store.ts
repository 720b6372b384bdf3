// Windowed counters shared by enforcement and reporting: one interface, in memory on the embedded
// default and in Redis across replicas. A counter lives until its window ends.

export interface CounterValue {
  value: number;
  /** Epoch ms when the window ends and the counter resets. */
  resetAt: number;
}

export interface CounterStore {
  /** Adds `amount` to the counter of `key` whose window ends at `resetAt`; returns the new value. */
  add(key: string, amount: number, resetAt: number): Promise<number>;
  /** The counter's current value (0 when absent). */
  get(key: string): Promise<number>;
  close(): Promise<void>;
}
