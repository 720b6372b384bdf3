import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';
import { GuardMap } from './guard-map.js';

const breakers = (max: number) =>
  new GuardMap({ create: () => new CircuitBreaker({ failureThreshold: 3, openMs: 1_000, now: () => 0 }), isIdle: (b) => b.idle, max });

describe('GuardMap', () => {
  it('stays bounded however many labels clients make up', () => {
    const map = breakers(100);
    for (let i = 0; i < 10_000; i++) map.get(`mock/made-up-${i}`);
    expect(map.size).toBeLessThanOrEqual(100);
  });

  it('keeps a guard that holds state when it drops idle ones', () => {
    const map = breakers(10);
    map.get('mock/failing').onFailure();
    for (let i = 0; i < 50; i++) map.get(`mock/other-${i}`);
    expect(map.get('mock/failing').idle).toBe(false);
    for (let i = 0; i < 2; i++) map.get('mock/failing').onFailure();
    expect(map.get('mock/failing').state).toBe('open');
  });

  it('gives the same guard for the same label', () => {
    const map = breakers(10);
    expect(map.get('a/b')).toBe(map.get('a/b'));
  });
});
