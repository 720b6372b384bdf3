// What CI keeps of a run: JUnit XML and a markdown summary (metrics with confidence intervals and
// error counts, gates) for a pull-request comment. In JUnit the run is one test case, each errored
// item (a call or metric error) is a test case with an <error>, each gate rule a test case with a
// <failure> when it does not pass; a run that could not be created is one <error>.
import type { EvalRun, ResponseOf } from '@steward/sdk';

/** What the report reads of a run. */
export type ReportRun = Pick<EvalRun, 'id' | 'name' | 'target' | 'status' | 'error' | 'progress' | 'summary'>;

/** An item the run could not evaluate cleanly: its call failed, or a metric errored on it. */
export interface ReportItemError {
  itemId: string;
  /** `call` or the metric's name, with the message. */
  errors: { source: string; message: string }[];
}

/** What the report reads of a gate's evaluation. */
export type ReportGate = Pick<ResponseOf<'/api/evals/runs/{id}/gates', 'post'>['data'][number], 'gate' | 'passed' | 'rules'>;

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '–' : value.toFixed(digits));

export function junitXml(run: ReportRun, gates: readonly ReportGate[], seconds: number, itemErrors: readonly ReportItemError[] = []): string {
  const cases: string[] = [];
  const runFailed = run.status !== 'completed' && run.status !== 'completed_with_errors';
  cases.push(
    `    <testcase classname="steward.eval" name="run ${xml(run.name)}" time="${seconds.toFixed(3)}">${runFailed ? `\n      <failure message="run ${xml(run.status)}">${xml(run.error ?? run.status)}</failure>\n    ` : ''}</testcase>`,
  );
  let failures = runFailed ? 1 : 0;
  for (const item of itemErrors) {
    const [first] = item.errors;
    const body = item.errors.map((e) => `${e.source}: ${e.message}`).join('\n');
    cases.push(`    <testcase classname="steward.item" name="${xml(item.itemId)}">\n      <error message="${xml(`${first.source}: ${first.message}`)}">${xml(body)}</error>\n    </testcase>`);
  }
  for (const gate of gates) {
    for (const rule of gate.rules) {
      if (!rule.passed) failures++;
      cases.push(`    <testcase classname="steward.gate.${xml(gate.gate)}" name="${xml(rule.rule)}">${rule.passed ? '' : `\n      <failure message="${xml(rule.reason)}">${xml(rule.reason)}</failure>\n    `}</testcase>`);
    }
  }
  return suites(run.name, cases, failures, itemErrors.length, seconds, [
    ['run', run.id],
    ['target', run.target],
    ['status', run.status],
  ]);
}

/** JUnit for a run that was refused at creation: one test case with the server's reason as an <error>. */
export function junitCreationError(name: string, message: string, seconds: number): string {
  return suites(name, [`    <testcase classname="steward.eval" name="create run ${xml(name)}">\n      <error message="${xml(message)}">${xml(message)}</error>\n    </testcase>`], 0, 1, seconds, []);
}

function suites(name: string, cases: readonly string[], failures: number, errors: number, seconds: number, properties: readonly [string, string][]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="steward eval" tests="${cases.length}" failures="${failures}" errors="${errors}">`,
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${seconds.toFixed(3)}">`,
    ...(properties.length > 0 ? [`    <properties>${properties.map(([k, v]) => `<property name="${xml(k)}" value="${xml(v)}"/>`).join('')}</properties>`] : []),
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function markdownSummary(run: ReportRun, gates: readonly ReportGate[]): string {
  const passed = (run.status === 'completed' || (run.status === 'completed_with_errors' && gates.length > 0)) && gates.every((g) => g.passed);
  const lines = [
    `## ${passed ? '✅' : '❌'} Evaluation: ${run.name}`,
    '',
    `Run \`${run.id}\` · target \`${run.target}\` · ${run.progress.completed}/${run.progress.total} items · ${run.progress.failed} call errors · ${run.summary?.erroredItems ?? run.progress.failed} items with errors · status **${run.status}**`,
    '',
    '| metric | mean | 95% CI | scored | errors | pass rate |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const [name, m] of Object.entries(run.summary?.metrics ?? {})) {
    lines.push(`| ${name} | ${fmt(m.mean)} | ${m.ci ? `[${fmt(m.ci.lower)}, ${fmt(m.ci.upper)}]` : '–'} | ${m.n} | ${m.errors} | ${fmt(m.passRate)} |`);
  }
  if (run.summary?.latencyMs) lines.push('', `Latency p50 ${fmt(run.summary.latencyMs.p50, 0)} ms · p95 ${fmt(run.summary.latencyMs.p95, 0)} ms · cost $${fmt(run.summary.costUsd, 4)}`);
  if (gates.length > 0) {
    lines.push('', '| gate | rule | result |', '| --- | --- | --- |');
    for (const gate of gates) for (const rule of gate.rules) lines.push(`| ${gate.gate} | \`${rule.rule}\` | ${rule.passed ? '✅' : '❌'} ${rule.reason} |`);
  }
  return `${lines.join('\n')}\n`;
}
