// A bounded cache of key lookups by hash, so authenticating a request costs no store round trip.
// Entries expire after a TTL and are dropped at once when the change feed says a key changed.
// Stale-if-error: an expired entry is kept, and while the store is unreachable it still answers for
// up to `staleMaxMs` past its expiry, so known keys keep working through a store outage. A key the
// feed said changed (a revocation) is dropped outright, so a revocation seen stays in force.
import { isStoreUnavailable } from '../../store/index.js';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export interface AuthCacheOptions {
  /** How long past its expiry an entry may answer while the store is unreachable (0: never). */
  staleMaxMs?: number;
  now?: () => number;
}

export class AuthCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #staleMaxMs: number;
  readonly #now: () => number;

  constructor(ttlMs: number, maxEntries = 10_000, options: AuthCacheOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#staleMaxMs = options.staleMaxMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A fresh entry, or undefined. */
  get(hash: string, now = this.#now()): T | undefined {
    const entry = this.#entries.get(hash);
    if (!entry || entry.expiresAt <= now) return undefined;
    return entry.value;
  }

  set(hash: string, value: T, ttlMs = this.#ttlMs, now = this.#now()): void {
    if (!this.#entries.has(hash) && this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    // Re-inserted at the end, so eviction drops the least recently refreshed entry. With a TTL of 0
    // the entry is never fresh but still serves stale-if-error.
    this.#entries.delete(hash);
    this.#entries.set(hash, { value, expiresAt: now + Math.max(0, ttlMs) });
  }

  /**
   * The answer while the store fails: when `error` says the store is unreachable and an entry that
   * `usable` accepts is at most staleMaxMs past its expiry, that entry; otherwise rethrows `error`.
   */
  staleIfError(hash: string, error: unknown, usable: (value: T) => boolean = () => true, now = this.#now()): T {
    const entry = this.#entries.get(hash);
    if (entry && isStoreUnavailable(error) && now - entry.expiresAt <= this.#staleMaxMs && usable(entry.value)) return entry.value;
    throw error;
  }

  delete(hash: string): void {
    this.#entries.delete(hash);
  }

  /** Everything is looked up again; the entries stay usable as stale answers while the store fails. */
  clear(): void {
    for (const entry of this.#entries.values()) entry.expiresAt = Math.min(entry.expiresAt, this.#now());
  }
}
