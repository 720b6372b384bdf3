// The per-target guards (circuit breakers, concurrency gates) keyed by target label. Labels hold the
// model name a client sent (`provider/<model>`), so the map is bounded: past `max` entries the idle
// guards are dropped, and a stream of made-up model names cannot grow it without limit.

export interface GuardMapOptions<T> {
  create(): T;
  /** True when dropping the guard loses no state (no failure counted, nothing in flight). */
  isIdle(guard: T): boolean;
  /** Entries kept before idle ones are dropped (default 4,096). */
  max?: number;
}

export class GuardMap<T> {
  readonly #entries = new Map<string, T>();
  readonly #options: Required<GuardMapOptions<T>>;

  constructor(options: GuardMapOptions<T>) {
    this.#options = { max: 4_096, ...options };
  }

  /** The guard of a label, created on first use. */
  get(label: string): T {
    let guard = this.#entries.get(label);
    if (guard === undefined) {
      if (this.#entries.size >= this.#options.max) this.#dropIdle();
      guard = this.#options.create();
      this.#entries.set(label, guard);
    }
    return guard;
  }

  get size(): number {
    return this.#entries.size;
  }

  entries(): IterableIterator<[string, T]> {
    return this.#entries.entries();
  }

  #dropIdle(): void {
    for (const [label, guard] of this.#entries) if (this.#options.isIdle(guard)) this.#entries.delete(label);
  }
}
