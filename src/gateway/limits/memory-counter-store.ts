// Counters in this process: a map swept of expired windows as it grows. reserve() runs without an
// await, so check and reserve are one step for every caller of this process. Used values that
// changed are remembered so the write-behind can persist them (a restart keeps a spent budget).
import type { CounterAdd, CounterCheck, CounterReading, CounterStore, ReserveOutcome } from './counter-store.js';

interface Counter {
  value: number;
  resetAt: number;
  /** Live reservations by request id. */
  held: Map<string, { amount: number; expiresAt: number }> | undefined;
}

/** A counter's used value as persisted. */
export interface CounterRow {
  key: string;
  value: number;
  resetAt: number;
}

export class MemoryCounterStore implements CounterStore {
  readonly #counters = new Map<string, Counter>();
  readonly #dirty = new Set<string>();
  #nextSweep = 0;

  async reserve(id: string, checks: readonly CounterCheck[], expiresAt: number, now: number): Promise<ReserveOutcome> {
    return this.reserveSync(id, checks, expiresAt, now);
  }

  reserveSync(id: string, checks: readonly CounterCheck[], expiresAt: number, now: number): ReserveOutcome {
    if (now >= this.#nextSweep) this.#sweep(now);
    const readings: CounterReading[] = [];
    for (let index = 0; index < checks.length; index++) {
      const check = checks[index];
      const { used, reserved } = this.#reading(check.key, now);
      readings.push(check.mode === 'count' ? { used: used + check.amount, reserved } : { used, reserved: reserved + check.amount });
      if (check.limit === undefined) continue;
      const total = check.mode === 'count' ? used + check.amount : used + reserved + check.amount;
      if (total > check.limit) return { ok: false, index, used, reserved };
    }
    for (const check of checks) {
      const counter = this.#counter(check.key, check.resetAt, now);
      if (check.mode === 'count') {
        counter.value += check.amount;
        this.#dirty.add(check.key);
      } else {
        counter.held ??= new Map();
        counter.held.set(id, { amount: check.amount, expiresAt });
      }
    }
    return { ok: true, readings };
  }

  async settle(id: string, reservedKeys: readonly string[], adds: readonly CounterAdd[], now: number): Promise<void> {
    this.settleSync(id, reservedKeys, adds, now);
  }

  settleSync(id: string, reservedKeys: readonly string[], adds: readonly CounterAdd[], now: number): void {
    for (const key of reservedKeys) this.#counters.get(key)?.held?.delete(id);
    for (const add of adds) {
      if (add.amount === 0) continue;
      this.#counter(add.key, add.resetAt, now).value += add.amount;
      this.#dirty.add(add.key);
    }
  }

  async read(keys: readonly string[], now: number): Promise<CounterReading[]> {
    return keys.map((key) => this.#reading(key, now));
  }

  /** The used values changed since the last call, to persist. */
  takeDirty(now: number): CounterRow[] {
    const rows: CounterRow[] = [];
    for (const key of this.#dirty) {
      const counter = this.#counters.get(key);
      if (counter && counter.resetAt > now) rows.push({ key, value: counter.value, resetAt: counter.resetAt });
    }
    this.#dirty.clear();
    return rows;
  }

  /** Marks rows dirty again after a failed persist. */
  markDirty(keys: readonly string[]): void {
    for (const key of keys) this.#dirty.add(key);
  }

  /** Loads persisted used values (at start-up); a value already counted here is kept if larger. */
  restore(rows: readonly CounterRow[], now: number): void {
    for (const row of rows) {
      if (row.resetAt <= now) continue;
      const counter = this.#counter(row.key, row.resetAt, now);
      counter.value = Math.max(counter.value, row.value);
    }
  }

  /** Adds amounts without a reservation (a reconcile of counts made elsewhere). */
  add(adds: readonly CounterAdd[], now: number): void {
    this.settleSync('', [], adds, now);
  }

  async close(): Promise<void> {
    this.#counters.clear();
  }

  #reading(key: string, now: number): CounterReading {
    const counter = this.#counters.get(key);
    if (!counter || counter.resetAt <= now) return { used: 0, reserved: 0 };
    let reserved = 0;
    if (counter.held) {
      for (const [holder, held] of counter.held) {
        // An expired reservation (a request that never settled) is released here.
        if (held.expiresAt <= now) counter.held.delete(holder);
        else reserved += held.amount;
      }
    }
    return { used: counter.value, reserved };
  }

  #counter(key: string, resetAt: number, now: number): Counter {
    let counter = this.#counters.get(key);
    if (!counter || counter.resetAt <= now) {
      counter = { value: 0, resetAt, held: undefined };
      this.#counters.set(key, counter);
    }
    return counter;
  }

  #sweep(now: number): void {
    this.#nextSweep = now + 10_000;
    for (const [key, counter] of this.#counters) if (counter.resetAt <= now) this.#counters.delete(key);
  }
}
