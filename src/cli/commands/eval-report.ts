// What CI keeps of a run: JUnit XML (one test case per gate rule, plus the run itself) and a
// markdown summary (metrics with confidence intervals, gates) for a pull-request comment.

export interface ReportRun {
  id: string;
  name: string;
  target: string;
  status: string;
  error: string | null;
  progress: { total: number; completed: number; failed: number };
  summary: {
    metrics: Record<string, { mean: number | null; ci: { lower: number; upper: number } | null; n: number; errors: number; passRate: number | null }>;
    latencyMs: { p50: number; p95: number } | null;
    costUsd: number;
  } | null;
}

export interface ReportGate {
  gate: string;
  passed: boolean;
  rules: { rule: string; passed: boolean; reason: string }[];
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '–' : value.toFixed(digits));

export function junitXml(run: ReportRun, gates: readonly ReportGate[], seconds: number): string {
  const cases: string[] = [];
  const runFailed = run.status !== 'completed';
  cases.push(
    `    <testcase classname="steward.eval" name="run ${xml(run.name)}" time="${seconds.toFixed(3)}">${runFailed ? `\n      <failure message="run ${xml(run.status)}">${xml(run.error ?? run.status)}</failure>\n    ` : ''}</testcase>`,
  );
  let failures = runFailed ? 1 : 0;
  for (const gate of gates) {
    for (const rule of gate.rules) {
      if (!rule.passed) failures++;
      cases.push(`    <testcase classname="steward.gate.${xml(gate.gate)}" name="${xml(rule.rule)}">${rule.passed ? '' : `\n      <failure message="${xml(rule.reason)}">${xml(rule.reason)}</failure>\n    `}</testcase>`);
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="steward eval" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${xml(run.name)}" tests="${cases.length}" failures="${failures}" errors="0" time="${seconds.toFixed(3)}">`,
    `    <properties><property name="run" value="${xml(run.id)}"/><property name="target" value="${xml(run.target)}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function markdownSummary(run: ReportRun, gates: readonly ReportGate[]): string {
  const passed = run.status === 'completed' && gates.every((g) => g.passed);
  const lines = [
    `## ${passed ? '✅' : '❌'} Evaluation: ${run.name}`,
    '',
    `Run \`${run.id}\` · target \`${run.target}\` · ${run.progress.completed}/${run.progress.total} items · ${run.progress.failed} call errors · status **${run.status}**`,
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
