import { describe, expect, it } from 'vitest';
import { PeriodicTask } from './periodic-task.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicTask', () => {
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
        await wait(30);
        active--;
        finished++;
      },
    });
    task.start();
    await wait(120);
    await task.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxActive).toBe(1);
    expect(finished).toBe(runs);
    await wait(30);
    expect(runs).toBe(finished);
  });

  it('reports failures and keeps ticking; an interval of 0 never runs', async () => {
    const errors: unknown[] = [];
    const failing = new PeriodicTask({ intervalMs: 5, run: async () => Promise.reject(new Error('boom')), onError: (e) => errors.push(e) });
    failing.start();
    await wait(40);
    await failing.stop();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    let runs = 0;
    const idle = new PeriodicTask({ intervalMs: 0, run: async () => runs++ });
    idle.start();
    await wait(20);
    await idle.stop();
    expect(runs).toBe(0);
  });
});
