// Delivery of alert notifications off the caller's path: a bounded in-memory queue (dropping the
// oldest when full, counted), a few concurrent senders, exponential backoff with jitter, and a
// report of every delivery that finally failed.
import type { AlertNotification } from '../alerts/index.js';
import { type AlertChannel, ChannelDeliveryError } from './alert-channel.js';

export const DELIVERY_FAILURE_REASONS = ['exhausted', 'not_retryable', 'unknown_channel', 'dropped', 'closed'] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];

/** A delivery that will not happen. */
export interface DeliveryFailure {
  channel: string;
  notification: AlertNotification;
  attempts: number;
  reason: DeliveryFailureReason;
  error: string;
}

/** Options of {@link NotificationDispatcher}. */
export interface DispatcherOptions {
  channels: readonly AlertChannel[];
  /** Deliveries waiting (including those waiting for a retry) before the oldest is dropped. Default 1000. */
  maxQueue?: number;
  /** Attempts per delivery, the first included. Default 5. */
  maxAttempts?: number;
  /** Backoff before the second attempt; doubles each time. Default 500 ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Time limit of one attempt. Default 10 s. */
  attemptTimeoutMs?: number;
  /** Deliveries in flight at once. Default 4. */
  concurrency?: number;
  /** Uniform [0, 1) source for jitter (default Math.random). */
  random?: () => number;
  onFailure?: (failure: DeliveryFailure) => void;
  onDelivered?: (delivery: { channel: string; notification: AlertNotification; attempts: number }) => void;
}

/** Counters of a dispatcher since it started. */
export interface DispatcherStats {
  queued: number;
  inFlight: number;
  delivered: number;
  failed: number;
  dropped: number;
  retries: number;
}

interface Job {
  channel: string;
  notification: AlertNotification;
  attempts: number;
  notBefore: number;
  lastError: string;
}

/**
 * @example
 * const dispatcher = new NotificationDispatcher({ channels: [webhook, slack], onFailure: (f) => log.warn(f) });
 * for (const n of notifications) dispatcher.dispatch(n); // returns at once
 * await dispatcher.close(5000); // on shutdown
 */
export class NotificationDispatcher {
  readonly #channels: Map<string, AlertChannel>;
  readonly #options: Required<Omit<DispatcherOptions, 'channels' | 'onFailure' | 'onDelivered'>> & Pick<DispatcherOptions, 'onFailure' | 'onDelivered'>;
  readonly #queue: Job[] = [];
  readonly #inFlight = new Set<AbortController>();
  readonly #idleWaiters: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #stats = { delivered: 0, failed: 0, dropped: 0, retries: 0 };

  constructor(options: DispatcherOptions) {
    this.#channels = new Map(options.channels.map((c) => [c.name, c]));
    this.#options = {
      maxQueue: options.maxQueue ?? 1000,
      maxAttempts: options.maxAttempts ?? 5,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      attemptTimeoutMs: options.attemptTimeoutMs ?? 10_000,
      concurrency: options.concurrency ?? 4,
      random: options.random ?? Math.random,
      onFailure: options.onFailure,
      onDelivered: options.onDelivered,
    };
  }

  /** Queues one delivery per channel of the notification and returns immediately. */
  dispatch(notification: AlertNotification): void {
    for (const channel of notification.channels) {
      if (this.#closed) {
        this.#fail({ channel, notification, attempts: 0, notBefore: 0, lastError: 'dispatcher is closed' }, 'closed');
        continue;
      }
      if (!this.#channels.has(channel)) {
        this.#fail({ channel, notification, attempts: 0, notBefore: 0, lastError: `no channel named ${channel}` }, 'unknown_channel');
        continue;
      }
      this.#enqueue({ channel, notification, attempts: 0, notBefore: 0, lastError: '' });
    }
    this.#pump();
  }

  stats(): DispatcherStats {
    return { queued: this.#queue.length, inFlight: this.#inFlight.size, ...this.#stats };
  }

  /** Resolves true once nothing is queued or in flight, false if `timeoutMs` passes first. */
  drain(timeoutMs = 30_000): Promise<boolean> {
    if (this.#idle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * Stops accepting notifications, waits up to `timeoutMs` for pending deliveries (retries run
   * without their backoff), then aborts what is left and reports it as failed ('closed').
   */
  async close(timeoutMs = 5000): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue) job.notBefore = 0;
    this.#pump();
    const drained = await this.drain(timeoutMs);
    if (!drained) {
      for (const controller of this.#inFlight) controller.abort();
      for (const job of this.#queue.splice(0)) this.#fail(job, 'closed');
    }
    if (this.#timer) clearTimeout(this.#timer);
  }

  #enqueue(job: Job): void {
    this.#queue.push(job);
    while (this.#queue.length > this.#options.maxQueue) {
      const oldest = this.#queue.shift()!;
      this.#stats.dropped++;
      this.#fail({ ...oldest, lastError: 'queue full: oldest delivery dropped' }, 'dropped', false);
    }
  }

  #idle(): boolean {
    return this.#queue.length === 0 && this.#inFlight.size === 0;
  }

  #pump(): void {
    const now = Date.now();
    while (this.#inFlight.size < this.#options.concurrency) {
      const index = this.#queue.findIndex((job) => job.notBefore <= now);
      if (index < 0) break;
      const [job] = this.#queue.splice(index, 1);
      void this.#attempt(job);
    }
    this.#schedule(now);
    if (this.#idle()) for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  #schedule(now: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queue.length === 0 || this.#inFlight.size >= this.#options.concurrency) return;
    const next = Math.min(...this.#queue.map((j) => j.notBefore));
    this.#timer = setTimeout(() => this.#pump(), Math.max(0, next - now));
    this.#timer.unref();
  }

  async #attempt(job: Job): Promise<void> {
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.#options.attemptTimeoutMs);
    job.attempts++;
    try {
      await this.#channels.get(job.channel)!.send(job.notification, controller.signal);
      this.#stats.delivered++;
      this.#options.onDelivered?.({ channel: job.channel, notification: job.notification, attempts: job.attempts });
    } catch (error) {
      job.lastError = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof ChannelDeliveryError) || error.retryable;
      if (!retryable) this.#fail(job, 'not_retryable');
      else if (job.attempts >= this.#options.maxAttempts) this.#fail(job, 'exhausted');
      else if (this.#closed && controller.signal.aborted) this.#fail(job, 'closed');
      else {
        this.#stats.retries++;
        job.notBefore = this.#closed ? 0 : Date.now() + this.#backoff(job.attempts);
        this.#enqueue(job);
      }
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
      this.#pump();
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped. */
  #backoff(attempts: number): number {
    const ceiling = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (attempts - 1));
    return ceiling / 2 + this.#options.random() * (ceiling / 2);
  }

  #fail(job: Job, reason: DeliveryFailureReason, count = true): void {
    if (count) this.#stats.failed++;
    try {
      this.#options.onFailure?.({ channel: job.channel, notification: job.notification, attempts: job.attempts, reason, error: job.lastError });
    } catch {
      // A failing reporter must not break delivery of the others.
    }
  }
}
