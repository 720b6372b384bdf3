// Timers are vitest's fake ones: the test moves time itself, so a busy machine cannot change the
// number of ticks it sees.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicTask } from './periodic-task.js';

describe('PeriodicTask', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never runs a tick while the previous one is still running, and stop waits for it', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask({
      intervalMs: 5,
      run: async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 30));
        active--;
        finished++;
      },
    });
    task.start();
    // Ticks at 5 ms (runs until 35), skipped at 10…35, next at 40 (runs until 70), then 75 (until 105).
    await vi.advanceTimersByTimeAsync(80);
    expect(runs).toBe(3);
    expect(maxActive).toBe(1);
    expect(finished).toBe(2);
    const stopped = task.stop();
    await vi.advanceTimersByTimeAsync(30);
    await stopped;
    expect(finished).toBe(runs);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(3);
  });

  it('reports failures and keeps ticking; an interval of 0 never runs', async () => {
    const errors: unknown[] = [];
    const failing = new PeriodicTask({ intervalMs: 5, run: async () => Promise.reject(new Error('boom')), onError: (e) => errors.push(e) });
    failing.start();
    await vi.advanceTimersByTimeAsync(20);
    await failing.stop();
    expect(errors).toHaveLength(4);
    let runs = 0;
    const idle = new PeriodicTask({ intervalMs: 0, run: async () => runs++ });
    idle.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await idle.stop();
    expect(runs).toBe(0);
  });
});
