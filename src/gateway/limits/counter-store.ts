// Windowed counters shared by enforcement and reporting: one interface, in memory on the embedded
// default and in Redis across replicas. A counter lives until its window ends. Admission checks and
// reserves in one atomic step (a Lua script in Redis, synchronous code in memory), so parallel
// requests cannot all pass a check made before any of them was counted.

/** One counter an admission touches. */
export interface CounterCheck {
  key: string;
  /** Epoch ms when the counter's window ends and it resets. */
  resetAt: number;
  /** The limit of the counter; undefined when nothing is checked (the amount is still held). */
  limit?: number;
  amount: number;
  /**
   * `count` adds the amount to the used value at once (requests per minute); `reserve` holds it
   * beside the used value until the request settles or the reservation expires (tokens, spend).
   */
  mode: 'count' | 'reserve';
}

export interface CounterReading {
  used: number;
  reserved: number;
}

/** On success, each counter's reading after the admission; on refusal, the refusing counter's reading. */
export type ReserveOutcome = { ok: true; readings: CounterReading[] } | { ok: false; index: number; used: number; reserved: number };

/** An amount added to a counter when a request settles. */
export interface CounterAdd {
  key: string;
  resetAt: number;
  amount: number;
}

export interface CounterStore {
  /**
   * All or nothing: refuses with the first check whose `used (+ reserved) + amount` exceeds its
   * limit, else counts and reserves every check under `id` until `expiresAt`.
   */
  reserve(id: string, checks: readonly CounterCheck[], expiresAt: number, now: number): Promise<ReserveOutcome>;
  /** Releases the reservations of `id` on `reservedKeys` and adds the actual amounts. */
  settle(id: string, reservedKeys: readonly string[], adds: readonly CounterAdd[], now: number): Promise<void>;
  /** Used and live reserved amounts of counters (0 when absent). */
  read(keys: readonly string[], now: number): Promise<CounterReading[]>;
  close(): Promise<void>;
}
