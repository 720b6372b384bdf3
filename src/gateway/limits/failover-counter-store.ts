// Redis counters that fall back to this process's counters while Redis is away: admissions go on
// against local counters (limits keep holding per replica), the degraded state is visible as a gauge,
// and when Redis answers again the amounts settled locally are added to Redis (reconcile).
import type { CounterAdd, CounterCheck, CounterReading, CounterStore, ReserveOutcome } from './counter-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';

export interface FailoverCounterStoreOptions {
  primary: CounterStore;
  /** Whether the primary is connected; while false the local counters answer without trying it. */
  primaryReady: () => boolean;
  /** Subscribes to the primary coming back; returns an unsubscribe. */
  onPrimaryBack: (listener: () => void) => () => void;
  /** Called with true when falling back and false once reconciled. */
  onDegraded?: (degraded: boolean) => void;
  log?: (level: 'warn' | 'info', message: string) => void;
}

export class FailoverCounterStore implements CounterStore {
  readonly #primary: CounterStore;
  readonly #local = new MemoryCounterStore();
  readonly #primaryReady: () => boolean;
  readonly #onDegraded: (degraded: boolean) => void;
  readonly #log: (level: 'warn' | 'info', message: string) => void;
  readonly #unsubscribe: () => void;
  /** Request ids reserved in the local counters. */
  readonly #localIds = new Set<string>();
  /** Amounts settled locally while degraded, to add to the primary when it is back. */
  #pending: CounterAdd[] = [];
  #degraded = false;

  constructor(options: FailoverCounterStoreOptions) {
    this.#primary = options.primary;
    this.#primaryReady = options.primaryReady;
    this.#onDegraded = options.onDegraded ?? (() => {});
    this.#log = options.log ?? (() => {});
    this.#unsubscribe = options.onPrimaryBack(() => void this.#reconcile());
  }

  get degraded(): boolean {
    return this.#degraded;
  }

  async reserve(id: string, checks: readonly CounterCheck[], expiresAt: number, now: number): Promise<ReserveOutcome> {
    if (!this.#degraded && this.#primaryReady()) {
      try {
        return await this.#primary.reserve(id, checks, expiresAt, now);
      } catch (error) {
        this.#degrade(error);
      }
    } else if (!this.#degraded) this.#degrade(new Error('not connected'));
    const outcome = this.#local.reserveSync(id, checks, expiresAt, now);
    if (outcome.ok) this.#localIds.add(id);
    return outcome;
  }

  async settle(id: string, reservedKeys: readonly string[], adds: readonly CounterAdd[], now: number): Promise<void> {
    const reservedLocally = this.#localIds.delete(id);
    if (reservedLocally) this.#local.settleSync(id, reservedKeys, [], now);
    if (!this.#degraded && this.#primaryReady()) {
      try {
        await this.#primary.settle(id, reservedLocally ? [] : reservedKeys, adds, now);
        return;
      } catch (error) {
        this.#degrade(error);
      }
    }
    // The primary's reservation (if any) expires there on its own.
    this.#local.settleSync(id, [], adds, now);
    this.#pending.push(...adds.filter((add) => add.amount !== 0 && add.resetAt > now));
  }

  async read(keys: readonly string[], now: number): Promise<CounterReading[]> {
    if (!this.#degraded && this.#primaryReady()) {
      try {
        return await this.#primary.read(keys, now);
      } catch (error) {
        this.#degrade(error);
      }
    }
    return this.#local.read(keys, now);
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    await this.#local.close();
    await this.#primary.close();
  }

  #degrade(error: unknown): void {
    if (this.#degraded) return;
    this.#degraded = true;
    this.#onDegraded(true);
    this.#log('warn', `limits fall back to this replica's counters while Redis is away: ${error instanceof Error ? error.message : String(error)}`);
  }

  async #reconcile(): Promise<void> {
    if (!this.#degraded) return;
    const pending = this.#pending;
    this.#pending = [];
    const now = Date.now();
    try {
      const live = pending.filter((add) => add.resetAt > now);
      if (live.length > 0) await this.#primary.settle('', [], live, now);
    } catch (error) {
      this.#pending = [...pending, ...this.#pending];
      this.#log('warn', `reconciling local counters with Redis failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // Local counters are now in Redis; keep only reservations in flight locally until they settle.
    this.#degraded = false;
    this.#onDegraded(false);
    this.#log('info', `limits use Redis again; ${pending.length} local amounts reconciled`);
  }
}
