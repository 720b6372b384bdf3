// A threshold rule against a run's summary: which figure the subject names, its value, and the verdict.
import type { MetricComparisonResult } from '../compare/compare-runs.js';
import type { RunSummary } from '../results/aggregate-results.js';
import { type GateRule, RUN_STATS, type MetricStat, compare } from './gate-rule.js';

/** The error budget's figures: items with a call or metric error, and the errors per metric. */
export interface ErrorBudgetDetails {
  erroredItems: number;
  items: number;
  callErrors: number;
  metricErrors: Record<string, number>;
}

/** A regression rule's figures: the baseline run and each metric's paired difference (candidate − baseline). */
export interface RegressionDetails {
  baselineRunId: string;
  metrics: Pick<MetricComparisonResult, 'metric' | 'difference' | 'pValue' | 'direction'>[];
}

export interface RuleOutcome {
  rule: string;
  passed: boolean;
  /** The figure compared, or null when it does not exist. */
  actual: number | null;
  reason: string;
  details?: ErrorBudgetDetails | RegressionDetails;
}

function metricFigure(summary: RunSummary, metric: string, stat: MetricStat): number | null {
  const aggregate = summary.metrics[metric];
  if (!aggregate) return null;
  switch (stat) {
    case 'mean':
      return aggregate.mean;
    case 'pass_rate':
      return aggregate.passRate;
    case 'fail_rate':
      return aggregate.failRate;
    case 'error_rate':
      return aggregate.errorRate;
    case 'ci_lower':
      return aggregate.ci?.lower ?? null;
    case 'ci_upper':
      return aggregate.ci?.upper ?? null;
    case 'n':
      return aggregate.n;
  }
}

function runFigure(summary: RunSummary, subject: string): number | null {
  switch (subject) {
    case 'latency_p50':
      return summary.latencyMs?.p50 ?? null;
    case 'latency_p95':
      return summary.latencyMs?.p95 ?? null;
    case 'latency_mean':
      return summary.latencyMs?.mean ?? null;
    case 'cost_usd':
      return summary.costUsd;
    case 'call_error_rate':
      return summary.items === 0 ? null : summary.callErrors / summary.items;
    default:
      return null;
  }
}

export function evaluateThreshold(rule: Extract<GateRule, { kind: 'threshold' }>, summary: RunSummary): RuleOutcome {
  let figure: number | null;
  let described: string;
  if (summary.metrics[rule.subject] !== undefined) {
    const stat = rule.stat ?? 'mean';
    figure = metricFigure(summary, rule.subject, stat);
    described = `${rule.subject}.${stat}`;
  } else if (rule.stat === null && rule.subject.endsWith('_rate') && summary.metrics[rule.subject.slice(0, -5)] !== undefined) {
    // `toxicity_rate`: the share of items the toxicity metric failed.
    const metric = rule.subject.slice(0, -5);
    figure = metricFigure(summary, metric, 'fail_rate');
    described = `${metric}.fail_rate`;
  } else if ((RUN_STATS as readonly string[]).includes(rule.subject)) {
    figure = runFigure(summary, rule.subject);
    described = rule.subject;
  } else {
    return { rule: rule.text, passed: false, actual: null, reason: `${rule.subject} is not a metric of this run (metrics: ${Object.keys(summary.metrics).join(', ')})` };
  }
  if (figure === null) return { rule: rule.text, passed: false, actual: null, reason: `${described} has no value for this run (no scored items, or the metric reports no pass/fail)` };
  const passed = compare(figure, rule.comparator, rule.value);
  return { rule: rule.text, passed, actual: figure, reason: `${described} = ${round(figure)} ${passed ? 'meets' : 'does not meet'} ${rule.comparator} ${rule.value}` };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
