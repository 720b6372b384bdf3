import { describe, expect, it } from 'vitest';
import { cohensKappa, krippendorffAlpha } from './agreement.js';

describe('agreement', () => {
  it("Cohen's kappa matches the textbook example", () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → po 0.7, pe 0.5 → kappa 0.4.
    const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    expect(cohensKappa(a, b)).toBeCloseTo(0.4, 12);
    expect(cohensKappa(['x', 'y'], ['x', 'y'])).toBe(1);
  });

  it("Krippendorff's alpha: perfect agreement is 1, missing ratings are allowed, interval uses distances", () => {
    expect(krippendorffAlpha([['a', 'a'], ['b', 'b', 'b'], ['c', undefined, 'c']], 'nominal')).toBe(1);
    // Krippendorff (2011) nominal example with missing data: alpha = 0.743.
    const table = [
      [1, 1, undefined, 1],
      [2, 2, 3, 2],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [2, 2, 2, 2],
      [1, 2, 3, 4],
      [4, 4, 4, 4],
      [1, 1, 2, 1],
      [2, 2, 2, 2],
      [undefined, 5, 5, 5],
      [undefined, undefined, 1, 1],
      [undefined, undefined, 3, undefined],
    ];
    expect(krippendorffAlpha(table, 'nominal')).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(table, 'interval')).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha([['a'], ['b']])).toBeNull();
  });
});
