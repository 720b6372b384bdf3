import { describe, expect, it } from 'vitest';
import { RouteConfigSchema } from './route-config.js';
import { orderTargets } from './target-order.js';

const weighted = RouteConfigSchema.parse({
  name: 'ab',
  policy: 'weighted',
  sticky: 'user',
  targets: [{ model: 'a/x', weight: 3 }, { model: 'b/y', weight: 1 }],
});

describe('orderTargets', () => {
  it('splits traffic by weight and keeps the others as fallbacks', () => {
    let a = 0;
    for (let i = 0; i < 4000; i++) {
      const order = orderTargets({ ...weighted, sticky: 'none' }, {}, 'ab');
      expect(order).toHaveLength(2);
      if (order[0].model === 'a/x') a++;
    }
    expect(a / 4000).toBeGreaterThan(0.7);
    expect(a / 4000).toBeLessThan(0.8);
  });
  it('is sticky per user and spreads users by weight', () => {
    let a = 0;
    for (let i = 0; i < 2000; i++) {
      const user = `user-${i}`;
      const first = orderTargets(weighted, { user }, 'ab')[0].model;
      expect(orderTargets(weighted, { user }, 'ab')[0].model).toBe(first);
      if (first === 'a/x') a++;
    }
    expect(a / 2000).toBeGreaterThan(0.7);
    expect(a / 2000).toBeLessThan(0.8);
  });
  it('keeps only the chosen target without failover, and the listed order for fallback chains', () => {
    expect(orderTargets({ ...weighted, failover: false }, { user: 'u' }, 'ab')).toHaveLength(1);
    const chain = RouteConfigSchema.parse({ name: 'c', policy: 'fallback', targets: [{ model: 'a/1' }, { model: 'b/2' }] });
    expect(orderTargets(chain, {}, 'c').map((t) => t.model)).toEqual(['a/1', 'b/2']);
  });
  it('refuses a single route with two targets', () => {
    expect(RouteConfigSchema.safeParse({ name: 's', targets: [{ model: 'a/1' }, { model: 'b/2' }] }).success).toBe(false);
  });
});
