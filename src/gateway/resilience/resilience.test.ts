import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { ConcurrencyGate, QueueFullError } from './concurrency-gate.js';

describe('backoffDelayMs', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
  it('grows exponentially with jitter between half and the whole ceiling', () => {
    expect(backoffDelayMs(1, options, undefined, 0)).toBe(50);
    expect(backoffDelayMs(1, options, undefined, 0.999)).toBe(100);
    expect(backoffDelayMs(3, options, undefined, 0)).toBe(200);
    expect(backoffDelayMs(10, options, undefined, 0.999)).toBe(1_000);
  });
  it('waits at least what retry-after asks', () => {
    expect(backoffDelayMs(1, options, 3, 0)).toBe(3_000);
  });
});

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, lets one probe through later, and closes on its success', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1_000, now: () => now });
    breaker.onFailure();
    expect(breaker.state).toBe('closed');
    breaker.onFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryAfterSeconds()).toBe(1);
    now = 1_000;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.onSuccess();
    expect(breaker.state).toBe('closed');
  });
  it('reopens when the probe fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 100, now: () => now });
    breaker.onFailure();
    now = 100;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.state).toBe('open');
  });
});

describe('ConcurrencyGate', () => {
  it('queues beyond the cap in order and refuses when the queue is full', async () => {
    const gate = new ConcurrencyGate({ limit: 1, maxQueue: 1 });
    const first = gate.acquire();
    expect(typeof first).toBe('function');
    const waiting = gate.acquire();
    expect(gate.queued).toBe(1);
    expect(() => gate.acquire()).toThrow(QueueFullError);
    (first as () => void)();
    const second = await waiting;
    expect(gate.active).toBe(1);
    second();
    expect(gate.active).toBe(0);
  });
  it('drops a waiter whose signal aborts', async () => {
    const gate = new ConcurrencyGate({ limit: 1, maxQueue: 5 });
    gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal) as Promise<() => void>;
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(gate.queued).toBe(0);
  });
});
