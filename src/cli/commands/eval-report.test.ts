import { describe, expect, it } from 'vitest';
import { junitCreationError, junitXml, type ReportRun } from './eval-report.js';

const run: ReportRun = { id: 'evr_1', name: 'nightly', target: 'mock/m', status: 'completed_with_errors', error: null, progress: { total: 3, completed: 3, failed: 1, percent: 100 }, summary: null };

describe('JUnit for an evaluation run', () => {
  it('lists each errored item as an <error> and each failed gate rule as a <failure>, with counts on the suite', () => {
    const xml = junitXml(run, [{ gate: 'inline', passed: false, rules: [{ rule: 'error rate <= 0', passed: false, actual: 0.667, reason: '2 of 3 items errored' }, { rule: 'accuracy >= 0.5', passed: true, actual: 0.9, reason: 'ok' }] }], 1.5, [
      { itemId: 'a', errors: [{ source: 'call', message: 'upstream <down>' }] },
      { itemId: 'b', errors: [{ source: 'judge', message: 'unreadable verdict' }, { source: 'f1', message: 'no reference' }] },
    ]);
    expect(xml).toContain('<testsuite name="nightly" tests="5" failures="1" errors="2"');
    expect(xml).toContain('<testcase classname="steward.item" name="a">\n      <error message="call: upstream &lt;down&gt;">');
    expect(xml).toContain('<error message="judge: unreadable verdict">judge: unreadable verdict\nf1: no reference</error>');
    expect(xml).toMatch(/name="error rate &lt;= 0">\s*<failure message="2 of 3 items errored"/);
  });

  it('reports a run refused at creation as one error', () => {
    const xml = junitCreationError('mock/m on ds', 'EVAL_TARGET_INVALID: target: nope cannot be called', 0.2);
    expect(xml).toContain('tests="1" failures="0" errors="1"');
    expect(xml).toContain('<error message="EVAL_TARGET_INVALID: target: nope cannot be called">');
  });
});
