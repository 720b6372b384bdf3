import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../statistics/index.js';
import { LogLinearHistogram } from './log-linear-histogram.js';

function lognormalSample(seed: number, n: number): number[] {
  const rng = createSeededRandom(seed);
  return Array.from({ length: n }, () => Math.exp(5 + 0.8 * rng.normal()));
}

function exactRankQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))];
}

describe('LogLinearHistogram', () => {
  it('keeps every quantile within the relative accuracy of the exact one', () => {
    const data = lognormalSample(1, 20_000);
    const h = new LogLinearHistogram(0.01);
    for (const v of data) h.record(v);
    expect(h.count).toBe(20_000);
    expect(h.sum).toBeCloseTo(data.reduce((s, v) => s + v, 0), 6);
    expect(h.min).toBe(Math.min(...data));
    expect(h.max).toBe(Math.max(...data));
    for (const q of [0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999]) {
      const exact = exactRankQuantile(data, q);
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.01 + 1e-12);
    }
    expect(h.quantile(0)).toBe(h.min);
    expect(h.quantile(1)).toBe(h.max);
    // Lognormal over ~3 decades at 1 %: a few hundred buckets, not 20 000.
    expect(h.bucketCount).toBeLessThan(400);
  });

  it('handles zeros and negative values in order', () => {
    const h = new LogLinearHistogram(0.02);
    for (const v of [-100, -10, 0, 0, 5, 50]) h.record(v);
    // Ranks ⌊q·5⌋: 0 → −100 (clamped to min), 1 → −10, 2 → 0, 4 → 5.
    expect(h.quantile(0.1)).toBe(-100);
    expect(Math.abs(h.quantile(0.3) + 10) / 10).toBeLessThanOrEqual(0.02);
    expect(h.quantile(0.5)).toBe(0);
    expect(Math.abs(h.quantile(0.8) - 5) / 5).toBeLessThanOrEqual(0.02);
  });

  it('merging equals recording the concatenated data', () => {
    const a = lognormalSample(2, 3000);
    const b = lognormalSample(3, 5000).map((v) => v * 3);
    const ha = new LogLinearHistogram();
    const hb = new LogLinearHistogram();
    const hall = new LogLinearHistogram();
    for (const v of a) ha.record(v);
    for (const v of b) hb.record(v);
    for (const v of [...a, ...b]) hall.record(v);
    const merged = ha.clone().merge(hb);
    expect(merged.toJSON().p).toEqual(hall.toJSON().p);
    expect(merged.count).toBe(hall.count);
    expect(merged.sum).toBeCloseTo(hall.sum, 6);
    for (const q of [0.1, 0.5, 0.99]) expect(merged.quantile(q)).toBe(hall.quantile(q));
    expect(ha.count).toBe(3000);
    expect(() => ha.merge(new LogLinearHistogram(0.02))).toThrow(/accuracy/);
  });

  it('round-trips through compact JSON and rejects corrupt input', () => {
    const h = new LogLinearHistogram();
    for (const v of lognormalSample(4, 1000)) h.record(v);
    h.record(0).record(-3, 2);
    const text = JSON.stringify(h);
    const back = LogLinearHistogram.fromJSON(text);
    expect(back.toJSON()).toEqual(h.toJSON());
    for (const q of [0.01, 0.5, 0.95]) expect(back.quantile(q)).toBe(h.quantile(q));
    expect(text.length).toBeLessThan(2500);
    expect(LogLinearHistogram.fromJSON(JSON.stringify(new LogLinearHistogram())).count).toBe(0);
    expect(() => LogLinearHistogram.fromJSON('{')).toThrow(/parse/);
    expect(() => LogLinearHistogram.fromJSON({ ...h.toJSON(), n: 5 })).toThrow(/add up/);
    expect(() => LogLinearHistogram.fromJSON({ v: 1, a: 0.01, n: 1, s: 1, p: [3, 1, 0, 1] })).toThrow(/ascending/);
  });

  it('rejects values that are not finite', () => {
    expect(() => new LogLinearHistogram().record(Number.NaN)).toThrow();
    expect(Number.isNaN(new LogLinearHistogram().quantile(0.5))).toBe(true);
  });
});
