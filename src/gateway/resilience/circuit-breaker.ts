// A circuit breaker per target: after `failureThreshold` consecutive failures it opens and calls skip
// the target; after `openMs` one probe is let through (half-open); its success closes the circuit.

export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export interface CircuitBreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
}

export class CircuitBreaker {
  readonly #options: Required<CircuitBreakerOptions>;
  #failures = 0;
  #openedAt = 0;
  #state: CircuitState = 'closed';
  #probing = false;

  constructor(options: CircuitBreakerOptions) {
    this.#options = { now: Date.now, ...options };
  }

  get state(): CircuitState {
    if (this.#state === 'open' && this.#options.now() - this.#openedAt >= this.#options.openMs) return 'half-open';
    return this.#state;
  }

  /** Closed with no failure counted: forgetting this breaker loses nothing. */
  get idle(): boolean {
    return this.#state === 'closed' && this.#failures === 0 && !this.#probing;
  }

  /** Whether a call may go through now; in half-open state only one probe at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#probing) return false;
    this.#probing = true;
    this.#state = 'half-open';
    return true;
  }

  /** Seconds until the next probe is allowed (for retry-after). */
  retryAfterSeconds(): number {
    if (this.#state !== 'open') return 0;
    return Math.max(0, Math.ceil((this.#openedAt + this.#options.openMs - this.#options.now()) / 1000));
  }

  onSuccess(): void {
    this.#failures = 0;
    this.#probing = false;
    this.#state = 'closed';
  }

  onFailure(): void {
    this.#failures += 1;
    const wasProbe = this.#probing;
    this.#probing = false;
    if (wasProbe || this.#failures >= this.#options.failureThreshold) {
      this.#state = 'open';
      this.#openedAt = this.#options.now();
    }
  }

  /** A call that neither succeeded nor failed (aborted by the client): frees the probe slot. */
  onIgnored(): void {
    this.#probing = false;
  }
}
