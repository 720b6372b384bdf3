import { describe, expect, it } from 'vitest';
import { createIdGenerator, newId } from './ids.js';

describe('newId', () => {
  it('sorts by creation even for ids made in the same millisecond', () => {
    const ids = Array.from({ length: 5_000 }, () => newId('x'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps order under a frozen or backward clock', () => {
    let now = 1_700_000_000_000;
    const next = createIdGenerator({ now: () => now });
    const ids = [next('a'), next('a'), next('a')];
    now -= 5_000;
    ids.push(next('a'), next('a'));
    now += 10_000;
    ids.push(next('a'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries into the time part when the random part is all ones', () => {
    const next = createIdGenerator({ now: () => 0, random: (n) => Buffer.alloc(n, 0xff) });
    const first = next('a');
    const second = next('a');
    expect(second > first).toBe(true);
    expect(first).toHaveLength(2 + 26);
  });
});
