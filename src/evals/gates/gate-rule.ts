// Gate rules as people write them: `accuracy >= 0.8` (a metric's mean), `toxicity_rate <= 0.01`
// (the share of items a metric failed), `judge.error_rate < 0.05`, `latency_p95 <= 2000`, and
// `no significant regression vs production` (a paired comparison with the production version's run;
// it fails when the target's model has no production version, unless the rule ends in
// `if production exists`, e.g. `no significant regression vs production at 0.01 if production exists`).
import { StewardError } from '../../errors/index.js';

export const COMPARATORS = ['>=', '<=', '>', '<', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const METRIC_STATS = ['mean', 'pass_rate', 'fail_rate', 'error_rate', 'ci_lower', 'ci_upper', 'n'] as const;
export type MetricStat = (typeof METRIC_STATS)[number];

export const RUN_STATS = ['latency_p50', 'latency_p95', 'latency_mean', 'cost_usd', 'call_error_rate'] as const;
export type RunStat = (typeof RUN_STATS)[number];

export type GateRule =
  | { kind: 'threshold'; text: string; subject: string; stat: MetricStat | null; comparator: Comparator; value: number }
  | { kind: 'no_regression'; text: string; baseline: 'production' | { runId: string }; alpha: number; ifProductionExists: boolean };

const THRESHOLD = /^\s*([a-z][a-z0-9_]*)(?:\.([a-z_]+))?\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i;
const REGRESSION = /^\s*no\s+significant\s+regression\s+(?:vs|versus|against)\s+(production|run[:\s]+(\S+?))(?:\s+at\s+(0?\.\d+))?(\s+if\s+production\s+exists)?\s*$/i;

/** Parses one rule. @throws StewardError `GATE_RULE_INVALID` with the accepted forms. */
export function parseGateRule(text: string): GateRule {
  const regression = REGRESSION.exec(text);
  if (regression) {
    const alpha = regression[3] ? Number(regression[3]) : 0.05;
    const ifProductionExists = regression[4] !== undefined;
    if (ifProductionExists && regression[2]) {
      throw new StewardError({ code: 'GATE_RULE_INVALID', message: `"if production exists" applies to a comparison with production, not with a run, in "${text}"`, details: { rule: text } });
    }
    return { kind: 'no_regression', text, baseline: regression[2] ? { runId: regression[2] } : 'production', alpha, ifProductionExists };
  }
  const match = THRESHOLD.exec(text);
  if (!match) {
    throw new StewardError({
      code: 'GATE_RULE_INVALID',
      message: `cannot read the gate rule "${text}": expected "<metric>[.<stat>] <op> <number>" (stats: ${METRIC_STATS.join(', ')}; run figures: ${RUN_STATS.join(', ')}; "<metric>_rate" is the share of failed items) or "no significant regression vs production [at <alpha>] [if production exists]"`,
      details: { rule: text },
    });
  }
  const stat = match[2]?.toLowerCase();
  if (stat !== undefined && !(METRIC_STATS as readonly string[]).includes(stat)) {
    throw new StewardError({ code: 'GATE_RULE_INVALID', message: `unknown statistic "${stat}" in "${text}"; expected one of ${METRIC_STATS.join(', ')}`, details: { rule: text } });
  }
  return { kind: 'threshold', text, subject: match[1], stat: (stat as MetricStat | undefined) ?? null, comparator: match[3] as Comparator, value: Number(match[4]) };
}

/**
 * Why a rule cannot be evaluated on a run computing `metrics`, or undefined when it can: a threshold
 * must name one of the run's metrics, `<metric>_rate`, or a run figure. Checked when a run is created.
 */
export function checkRuleSubject(rule: GateRule, metrics: readonly string[]): string | undefined {
  if (rule.kind !== 'threshold') return undefined;
  if (metrics.includes(rule.subject)) return undefined;
  if (rule.stat === null && rule.subject.endsWith('_rate') && metrics.includes(rule.subject.slice(0, -5))) return undefined;
  if (rule.stat === null && (RUN_STATS as readonly string[]).includes(rule.subject)) return undefined;
  return `the gate rule "${rule.text}" names ${rule.subject}, which is not a metric of this run (metrics: ${metrics.join(', ')}; run figures: ${RUN_STATS.join(', ')})`;
}

export function compare(actual: number, comparator: Comparator, expected: number): boolean {
  switch (comparator) {
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}
