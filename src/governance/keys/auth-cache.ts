// A bounded cache of key lookups by hash, so authenticating a request costs no store round trip.
// Entries expire after a TTL and are dropped at once when the change feed says a key changed.

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class AuthCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs: number, maxEntries = 10_000) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  get(hash: string, now = Date.now()): T | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(hash);
      return undefined;
    }
    return entry.value;
  }

  set(hash: string, value: T, ttlMs = this.#ttlMs, now = Date.now()): void {
    if (ttlMs <= 0) return;
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(hash, { value, expiresAt: now + ttlMs });
  }

  delete(hash: string): void {
    this.#entries.delete(hash);
  }

  clear(): void {
    this.#entries.clear();
  }
}
