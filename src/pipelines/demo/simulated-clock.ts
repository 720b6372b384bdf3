// The demo's clock: while installed, `Date.now()` runs ahead of the wall clock by the waits the
// demo skipped (a canary step's minimum duration, the hour before a nightly retrain), so every
// record — traces, feedback, rollout steps, alerts — is stamped on one consistent timeline and
// nothing sleeps. The parts keep calling `Date.now()`; only the demo's process is affected.

export class SimulatedClock {
  readonly #wall: () => number;
  #offset = 0;
  #installed = false;

  constructor(wall: () => number = Date.now) {
    this.#wall = wall;
  }

  /** Milliseconds since the epoch on the simulated timeline. */
  now(): number {
    return this.#wall() + this.#offset;
  }

  /** Skips `ms` ahead: what would have happened in that time is what the demo does next. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`the clock only moves forward (got ${ms} ms)`);
    this.#offset += ms;
    return this.now();
  }

  /** Time skipped so far: the demo's timeline in whole steps, independent of how fast the machine is. */
  get skippedMs(): number {
    return this.#offset;
  }

  /** Makes `Date.now()` read this clock until {@link uninstall}. */
  install(): void {
    if (this.#installed) return;
    this.#installed = true;
    Date.now = () => this.now();
  }

  uninstall(): void {
    if (!this.#installed) return;
    this.#installed = false;
    Date.now = this.#wall;
  }
}
