import { describe, expect, it } from 'vitest';
import { StewardError } from '../errors/index.js';
import { createSeededRandom } from './seeded-random.js';
import { createSequentialDifference, sequentialDifference } from './sequential-difference.js';

describe('sequential difference', () => {
  it('says nothing before each arm has its minimum samples', () => {
    const test = createSequentialDifference({ minSamples: 10 });
    for (let i = 0; i < 9; i++) {
      test.add('control', 0);
      test.add('treatment', 100);
    }
    const s = test.state();
    expect(s.pValue).toBe(1);
    expect(s.significant).toBe(false);
    expect(s.lower).toBe(Number.NEGATIVE_INFINITY);
    expect(s.difference).toBe(100);
  });

  it('finds a large difference in proportions and covers it', () => {
    const rng = createSeededRandom(3);
    const obs = [];
    for (let i = 0; i < 2000; i++) {
      obs.push({ arm: 'control' as const, value: rng.next() < 0.1 ? 1 : 0 });
      obs.push({ arm: 'treatment' as const, value: rng.next() < 0.25 ? 1 : 0 });
    }
    const s = sequentialDifference(obs, { kind: 'proportion' });
    expect(s.significant).toBe(true);
    expect(s.pValue).toBeLessThan(0.001);
    expect(s.lower).toBeGreaterThan(0);
    expect(s.lower).toBeLessThan(0.15);
    expect(s.upper).toBeGreaterThan(0.15);
  });

  it('stays significant once it was, as an always-valid p-value does', () => {
    const test = createSequentialDifference({ minSamples: 5 });
    for (let i = 0; i < 100; i++) {
      test.add('control', i % 2);
      test.add('treatment', 3 + (i % 2));
    }
    expect(test.state().significant).toBe(true);
    for (let i = 0; i < 5000; i++) {
      test.add('control', i % 2);
      test.add('treatment', i % 2);
    }
    expect(test.state().significant).toBe(true);
  });

  it('refuses bad input with a validation error', () => {
    expect(() => createSequentialDifference({ alpha: 1.5 })).toThrow(StewardError);
    expect(() => createSequentialDifference({ kind: 'proportion' }).add('control', 0.5)).toThrow(/0 or 1/);
    expect(() => createSequentialDifference().add('control', Number.NaN)).toThrow(/finite/);
  });
});
