import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../results/aggregate-results.js';
import { evaluateThreshold } from './evaluate-threshold.js';
import { checkRuleSubject, parseGateRule } from './gate-rule.js';

const summary: RunSummary = {
  items: 100,
  callErrors: 2,
  erroredItems: 2,
  metrics: {
    accuracy: { name: 'accuracy', n: 98, errors: 0, skipped: 0, mean: 0.82, ci: { lower: 0.74, upper: 0.89, confidence: 0.95 }, passRate: 0.82, failRate: 0.18, errorRate: 0 },
    toxicity: { name: 'toxicity', n: 98, errors: 0, skipped: 0, mean: 0.98, ci: null, passRate: 0.98, failRate: 0.02, errorRate: 0 },
  },
  latencyMs: { mean: 400, p50: 350, p95: 900 },
  tokens: { prompt: 0, completion: 0 },
  costUsd: 0.5,
};

function check(text: string) {
  const rule = parseGateRule(text);
  if (rule.kind !== 'threshold') throw new Error('expected a threshold rule');
  return evaluateThreshold(rule, summary);
}

describe('gate rules', () => {
  it('reads a metric mean, a statistic, a failure rate and run figures', () => {
    expect(check('accuracy >= 0.8')).toMatchObject({ passed: true, actual: 0.82 });
    expect(check('accuracy.ci_lower >= 0.8')).toMatchObject({ passed: false, actual: 0.74 });
    expect(check('toxicity_rate <= 0.01')).toMatchObject({ passed: false, actual: 0.02 });
    expect(check('latency_p95 < 1000')).toMatchObject({ passed: true, actual: 900 });
    expect(check('call_error_rate <= 0.05')).toMatchObject({ passed: true, actual: 0.02 });
  });

  it('fails a rule on a metric the run does not have, naming the metrics it has', () => {
    expect(check('f1 >= 0.5')).toMatchObject({ passed: false, actual: null });
    expect(check('f1 >= 0.5').reason).toContain('accuracy, toxicity');
  });

  it('reads the regression rule and refuses what it cannot read', () => {
    expect(parseGateRule('no significant regression vs production')).toMatchObject({ kind: 'no_regression', baseline: 'production', alpha: 0.05 });
    expect(parseGateRule('No significant regression against run evr_123 at 0.01')).toMatchObject({ baseline: { runId: 'evr_123' }, alpha: 0.01 });
    expect(() => parseGateRule('accuracy is high')).toThrow(/cannot read the gate rule/);
    expect(() => parseGateRule('accuracy.median >= 1')).toThrow(/unknown statistic/);
  });

  it('reads "if production exists" after the regression rule (and its alpha), only against production', () => {
    expect(parseGateRule('no significant regression vs production')).toMatchObject({ ifProductionExists: false });
    expect(parseGateRule('no significant regression vs production if production exists')).toMatchObject({ baseline: 'production', alpha: 0.05, ifProductionExists: true });
    expect(parseGateRule('no significant regression vs production at 0.01 if production exists')).toMatchObject({ alpha: 0.01, ifProductionExists: true });
    expect(() => parseGateRule('no significant regression vs run evr_1 if production exists')).toThrow(/applies to a comparison with production/);
  });

  it('checks at run creation that a threshold names a metric of the run, its _rate, or a run figure', () => {
    expect(checkRuleSubject(parseGateRule('accuracy >= 0.8'), ['accuracy'])).toBeUndefined();
    expect(checkRuleSubject(parseGateRule('toxicity_rate <= 0.01'), ['toxicity'])).toBeUndefined();
    expect(checkRuleSubject(parseGateRule('latency_p95 < 900'), ['accuracy'])).toBeUndefined();
    expect(checkRuleSubject(parseGateRule('no significant regression vs production'), [])).toBeUndefined();
    expect(checkRuleSubject(parseGateRule('f1 >= 0.5'), ['accuracy', 'judge'])).toContain('metrics: accuracy, judge');
  });
});
