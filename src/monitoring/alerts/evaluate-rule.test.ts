import { describe, expect, it } from 'vitest';
import { StewardError } from '../../errors/index.js';
import { defineAlertRule } from './alert-rule.js';
import { evaluateRule, matchesFilter } from './evaluate-rule.js';
import { parseAlertRule } from './parse-alert-rule.js';

const NOW = 1_700_000_000_000;
const at = (secondsAgo: number, value: number) => ({ t: NOW - secondsAgo * 1000, value });

describe('evaluateRule', () => {
  it('threshold: aggregates the window and compares', () => {
    const rule = defineAlertRule({ id: 'r1', name: 'slow', metric: 'latency_ms', condition: { type: 'threshold', op: '>', value: 500 }, windowSeconds: 60, severity: 'warning' });
    const series = [at(120, 5000), at(50, 400), at(30, 700), at(10, 600)];
    const e = evaluateRule(rule, series, NOW);
    // The point 120 s ago is outside the 60 s window: avg(400, 700, 600) = 566.7.
    expect(e.holds).toBe(true);
    expect(e.observed).toBeCloseTo(1700 / 3, 10);
    expect(e.description).toContain('avg latency_ms');
    const p99 = evaluateRule({ ...rule, aggregation: 'max', condition: { type: 'threshold', op: '>=', value: 701 } }, series, NOW);
    expect(p99).toMatchObject({ holds: false, observed: 700 });
  });

  it('reports no data, which never holds', () => {
    const rule = defineAlertRule({ id: 'r', name: 'n', metric: 'm', condition: { type: 'threshold', op: '<', value: 1 }, windowSeconds: 60, severity: 'info', minPoints: 3 });
    expect(evaluateRule(rule, [at(5, 0), at(6, 0)], NOW)).toMatchObject({ holds: false, noData: true, observed: null });
  });

  it('rate_of_change: percent change against the previous window', () => {
    const rule = defineAlertRule({ id: 'r', name: 'cost jump', metric: 'cost_usd', aggregation: 'sum', condition: { type: 'rate_of_change', op: '>', percent: 50 }, windowSeconds: 60, severity: 'critical' });
    const e = evaluateRule(rule, [at(100, 2), at(70, 2), at(30, 3), at(10, 3)], NOW);
    // 4 → 6 is +50 %: not > 50, but >= 50.
    expect(e).toMatchObject({ holds: false, current: 6, reference: 4, observed: 50 });
    expect(evaluateRule({ ...rule, condition: { type: 'rate_of_change', op: '>=', percent: 50 } }, [at(100, 2), at(70, 2), at(30, 3), at(10, 3)], NOW).holds).toBe(true);
    const drop = { ...rule, condition: { type: 'rate_of_change' as const, op: '<' as const, percent: -30 } };
    expect(evaluateRule(drop, [at(100, 10), at(30, 5)], NOW)).toMatchObject({ holds: true, observed: -50 });
  });

  it('baseline_deviation: k standard deviations and percent', () => {
    const baseline = [10, 12, 11, 9, 10, 11, 12, 9, 10, 11].map((v, i) => at(3600 - i * 300, v));
    const rule = defineAlertRule({ id: 'r', name: 'errors', metric: 'error_rate', condition: { type: 'baseline_deviation', baselineWindowSeconds: 3600, mode: 'stddev', value: 3 }, windowSeconds: 300, severity: 'critical' });
    // Baseline mean 10.5, sd ≈ 1.08; current 20 is ≈ 8.8 σ above.
    const e = evaluateRule(rule, [...baseline, at(60, 20)], NOW);
    expect(e.holds).toBe(true);
    expect(e.reference).toBeCloseTo(10.5, 12);
    expect(e.observed).toBeCloseTo((20 - 10.5) / 1.0801234497346435, 8);
    expect(evaluateRule(rule, [...baseline, at(60, 11)], NOW).holds).toBe(false);
    const below = { ...rule, condition: { ...rule.condition, direction: 'below' as const } };
    expect(evaluateRule(below, [...baseline, at(60, 20)], NOW).holds).toBe(false);
    const percent = { ...rule, condition: { type: 'baseline_deviation' as const, baselineWindowSeconds: 3600, mode: 'percent' as const, value: 50, direction: 'both' as const } };
    expect(evaluateRule(percent, [...baseline, at(60, 4)], NOW)).toMatchObject({ holds: true });
    expect(evaluateRule(percent, [...baseline, at(60, 14)], NOW).holds).toBe(false);
  });

  it('filters by labels', () => {
    expect(matchesFilter({ route: 'chat', model: 'gpt' }, { route: 'chat', model: 'gpt', key: 'k1' })).toBe(true);
    expect(matchesFilter({ route: 'chat' }, { route: 'embed' })).toBe(false);
    expect(matchesFilter({}, {})).toBe(true);
  });
});

describe('parseAlertRule', () => {
  it('applies defaults and rejects bad rules with paths', () => {
    const rule = parseAlertRule({ id: 'a', name: 'b', metric: 'm', condition: { type: 'threshold', op: '>', value: 1 }, windowSeconds: 60, severity: 'warning' });
    expect(rule).toMatchObject({ forSeconds: 0, aggregation: 'avg', channels: [], filter: {}, enabled: true });
    try {
      parseAlertRule({ id: 'a', name: 'b', metric: 'm', condition: { type: 'threshold', op: '!=', value: 1 }, windowSeconds: -1, severity: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(StewardError.is(error) && error.code).toBe('VALIDATION_FAILED');
      expect((error as Error).message).toMatch(/condition\.op/);
      expect((error as Error).message).toMatch(/windowSeconds/);
      expect((error as Error).message).toMatch(/severity/);
    }
  });
});
