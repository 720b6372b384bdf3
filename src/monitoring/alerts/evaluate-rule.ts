// Evaluation of one alert rule against one time series (one label set) at one instant: does the
// condition hold now, and what value was observed. Pure; the caller fetches the points.
import { mean, quantile, standardDeviation } from '../../statistics/index.js';
import type { AlertFilter, AlertRule, ComparisonOperator, WindowAggregation } from './alert-rule.js';

/** One observation of a metric. `t` is epoch milliseconds. */
export interface SeriesPoint {
  t: number;
  value: number;
}

/** The outcome of evaluating a rule at `at`. */
export interface RuleEvaluation {
  ruleId: string;
  at: number;
  /** Whether the condition holds now. */
  holds: boolean;
  /** The value compared: aggregate, percent change or deviation; null without data. */
  observed: number | null;
  /** The current window's aggregate (null without data). */
  current: number | null;
  /** Baseline or previous-window aggregate for relative conditions. */
  reference: number | null;
  noData: boolean;
  /** Human-readable account, e.g. "avg latency_ms 812 > 500". */
  description: string;
}

/** Whether a series' labels satisfy a rule's filter (every set filter field must be equal). */
export function matchesFilter(filter: AlertFilter, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(filter).every(([name, value]) => value === undefined || labels[name] === value);
}

/** Reduces values with the rule's aggregation. */
export function aggregate(values: readonly number[], aggregation: WindowAggregation): number {
  switch (aggregation) {
    case 'avg':
      return mean(values);
    case 'sum':
      return values.reduce((s, v) => s + v, 0);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'count':
      return values.length;
    case 'last':
      return values[values.length - 1];
    case 'p50':
      return quantile(values, 0.5);
    case 'p90':
      return quantile(values, 0.9);
    case 'p95':
      return quantile(values, 0.95);
    case 'p99':
      return quantile(values, 0.99);
  }
}

export function compare(left: number, op: ComparisonOperator, right: number): boolean {
  switch (op) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
  }
}

/** Values with t in (from, to], in time order. */
function windowValues(series: readonly SeriesPoint[], from: number, to: number): number[] {
  return series
    .filter((p) => p.t > from && p.t <= to && Number.isFinite(p.value))
    .sort((a, b) => a.t - b.t)
    .map((p) => p.value);
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(4));

/**
 * Evaluates `rule` over `series` at `now` (epoch ms). The current window is (now − windowSeconds,
 * now]; rate_of_change compares it with the window of equal length before it; baseline_deviation
 * with the `baselineWindowSeconds` before it. Too few points (`minPoints`) means no data, and no
 * data never holds.
 */
export function evaluateRule(rule: AlertRule, series: readonly SeriesPoint[], now: number): RuleEvaluation {
  const windowMs = rule.windowSeconds * 1000;
  const currentValues = windowValues(series, now - windowMs, now);
  const base = { ruleId: rule.id, at: now };
  const label = `${rule.aggregation} ${rule.metric}`;
  const noData = (why: string): RuleEvaluation => ({ ...base, holds: false, observed: null, current: null, reference: null, noData: true, description: `${label}: no data (${why})` });
  if (currentValues.length < rule.minPoints) return noData(`${currentValues.length} points in the last ${rule.windowSeconds}s`);
  const current = aggregate(currentValues, rule.aggregation);
  const condition = rule.condition;

  if (condition.type === 'threshold') {
    const holds = compare(current, condition.op, condition.value);
    return { ...base, holds, observed: current, current, reference: null, noData: false, description: `${label} ${fmt(current)} ${condition.op} ${fmt(condition.value)}${holds ? '' : ' is false'}` };
  }

  if (condition.type === 'rate_of_change') {
    const previousValues = windowValues(series, now - 2 * windowMs, now - windowMs);
    if (previousValues.length < rule.minPoints) return noData('no previous window');
    const previous = aggregate(previousValues, rule.aggregation);
    if (previous === 0) return { ...noData('previous window is zero'), current };
    const change = ((current - previous) / Math.abs(previous)) * 100;
    const holds = compare(change, condition.op, condition.percent);
    return { ...base, holds, observed: change, current, reference: previous, noData: false, description: `${label} changed ${fmt(change)}% (${fmt(previous)} → ${fmt(current)}) ${condition.op} ${fmt(condition.percent)}%${holds ? '' : ' is false'}` };
  }

  const baselineValues = windowValues(series, now - windowMs - condition.baselineWindowSeconds * 1000, now - windowMs);
  if (baselineValues.length < 2) return noData('baseline window has fewer than 2 points');
  const baselineMean = mean(baselineValues);
  const deviation = current - baselineMean;
  let observed: number;
  let limit: number;
  if (condition.mode === 'stddev') {
    const sd = standardDeviation(baselineValues);
    // A flat baseline makes every change infinitely many deviations; report it as such.
    observed = sd === 0 ? (deviation === 0 ? 0 : Math.sign(deviation) * Number.POSITIVE_INFINITY) : deviation / sd;
    limit = condition.value;
  } else {
    if (baselineMean === 0) return { ...noData('baseline mean is zero'), current };
    observed = (deviation / Math.abs(baselineMean)) * 100;
    limit = condition.value;
  }
  const holds = condition.direction === 'above' ? observed > limit : condition.direction === 'below' ? observed < -limit : Math.abs(observed) > limit;
  const unit = condition.mode === 'stddev' ? 'σ' : '%';
  return {
    ...base,
    holds,
    observed,
    current,
    reference: baselineMean,
    noData: false,
    description: `${label} ${fmt(current)} deviates ${fmt(observed)}${unit} from baseline ${fmt(baselineMean)} (limit ${condition.direction} ${fmt(limit)}${unit})${holds ? '' : ' is false'}`,
  };
}
