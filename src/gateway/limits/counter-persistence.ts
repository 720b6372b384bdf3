// Write-behind of the in-memory counters: the used values that changed are upserted with each trace
// batch, and loaded at start-up, so a restart of a single-replica deployment keeps spent budgets and
// token counts. (With Redis the counters live in Redis and this is not used.)
import type { Store } from '../../store/index.js';
import type { MemoryCounterStore } from './memory-counter-store.js';

export class CounterPersistence {
  readonly #store: Store;
  readonly #counters: MemoryCounterStore;
  readonly #now: () => number;

  constructor(options: { store: Store; counters: MemoryCounterStore; now?: () => number }) {
    this.#store = options.store;
    this.#counters = options.counters;
    this.#now = options.now ?? Date.now;
  }

  /** Loads the persisted counters of windows not yet ended, and forgets ended ones. */
  async load(): Promise<void> {
    const now = this.#now();
    await this.#store.db.deleteFrom('limit_counters').where('reset_at', '<=', now).execute();
    const rows = await this.#store.db.selectFrom('limit_counters').selectAll().execute();
    this.#counters.restore(
      rows.map((row) => ({ key: row.key, value: Number(row.value), resetAt: Number(row.reset_at) })),
      now,
    );
  }

  /** Upserts every counter that changed since the last call; on failure they are retried next time. */
  async persist(): Promise<void> {
    const now = this.#now();
    const rows = this.#counters.takeDirty(now);
    if (rows.length === 0) return;
    try {
      for (let i = 0; i < rows.length; i += 200) {
        const values = rows.slice(i, i + 200).map((row) => ({ key: row.key, value: row.value, reset_at: row.resetAt, updated_at: now }));
        await this.#store.db
          .insertInto('limit_counters')
          .values(values)
          .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), reset_at: eb.ref('excluded.reset_at'), updated_at: eb.ref('excluded.updated_at') })))
          .execute();
      }
    } catch (error) {
      this.#counters.markDirty(rows.map((row) => row.key));
      throw error;
    }
  }
}
