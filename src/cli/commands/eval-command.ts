// `steward eval run|status|results|compare|rescore|gate`. `eval run --config eval.yaml --ci` sends
// the gates with the run (a bad rule, target or metric is refused before any call), waits for it
// with a progress bar, evaluates the gates, writes JUnit XML and a markdown summary, and exits
// non-zero when the run fails, a gate does not pass, or (without gates) any item errored.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type EvalRun, FINAL_EVAL_RUN_STATUSES, type RequestBodyOf, type StewardClient } from '@steward/sdk';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';
import { ProgressBar } from '../progress-bar.js';
import { type EvalConfig, EvalConfigSchema, gatesBody, readEvalConfig, runBody } from './eval-config.js';
import { type ReportGate, type ReportItemError, type ReportRun, junitCreationError, junitXml, markdownSummary } from './eval-report.js';

const FINISHED: readonly string[] = FINAL_EVAL_RUN_STATUSES;
const SCORED = ['completed', 'completed_with_errors'];

/** Every item with a call error or a metric error, in dataset order. */
async function itemErrors(steward: StewardClient, id: string): Promise<ReportItemError[]> {
  const errors: ReportItemError[] = [];
  for await (const row of steward.paginate('/api/evals/runs/{id}/results', { params: { path: { id }, query: { limit: 1000 } } })) {
    const found = [
      ...(row.callError !== null ? [{ source: 'call', message: row.callError }] : []),
      ...Object.entries(row.scores).flatMap(([metric, result]) => ('error' in result ? [{ source: metric, message: result.error }] : [])),
    ];
    if (found.length > 0) errors.push({ itemId: row.itemId, errors: found });
  }
  return errors;
}

async function waitForRun(steward: StewardClient, id: string, quiet: boolean): Promise<EvalRun> {
  const bar = quiet ? undefined : new ProgressBar('eval');
  for (;;) {
    const run = await steward.get('/api/evals/runs/{id}', { params: { path: { id } } });
    bar?.update({ done: run.progress.completed, total: run.progress.total, detail: `${run.status}${run.progress.failed > 0 ? ` · ${run.progress.failed} errors` : ''}` });
    if (FINISHED.includes(run.status)) {
      bar?.finish();
      return run;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function printSummary(run: ReportRun): void {
  const rows = Object.entries(run.summary?.metrics ?? {}).map(([metric, m]) => ({
    metric,
    mean: m.mean === null ? null : m.mean.toFixed(4),
    ci95: m.ci ? `[${m.ci.lower.toFixed(3)}, ${m.ci.upper.toFixed(3)}]` : null,
    scored: m.n,
    errors: m.errors > 0 ? `${m.errors} ✗` : 0,
    passRate: m.passRate === null ? null : m.passRate.toFixed(3),
  }));
  printTable(rows, ['metric', 'mean', 'ci95', 'scored', 'errors', 'passRate']);
}

interface RunOptions {
  config?: string;
  dataset?: string;
  target?: string;
  metric?: string[];
  gate?: string[];
  concurrency?: string;
  ci?: boolean;
  junit?: string;
  summary?: string;
  wait: boolean;
  json?: boolean;
}

function configFromFlags(o: RunOptions): EvalConfig {
  if (!o.dataset || !o.target || !o.metric?.length) throw new CliError('give --config eval.yaml, or --dataset, --target and at least one --metric');
  return EvalConfigSchema.parse({ dataset: o.dataset, target: o.target, metrics: o.metric, gates: o.gate ?? [], params: o.concurrency ? { concurrency: Number(o.concurrency) } : undefined });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerEvalCommands(program: Command): void {
  const evalCommand = program.command('eval').description('Evaluation runs, comparisons and gates');

  evalCommand
    .command('run')
    .description('Start an evaluation run and wait for it; with --ci, fail when a gate fails')
    .option('--config <file>', 'eval.yaml: dataset, target, prompt, metrics, gates')
    .option('--dataset <ref>', 'dataset name or name@version')
    .option('--target <model>', 'route, provider/model or model version')
    .option('--metric <name>', 'a metric (repeatable)', collect)
    .option('--gate <rule>', 'a gate rule such as "exact_match >= 0.8" (repeatable)', collect)
    .option('--concurrency <n>', 'model calls in flight')
    .option('--ci', 'exit 1 when the run fails or a gate does not pass')
    .option('--junit <file>', 'write JUnit XML (one test case per gate rule)')
    .option('--summary <file>', 'write a markdown summary')
    .option('--no-wait', 'print the run id and return at once')
    .option('--json', 'print JSON')
    .action(async (o: RunOptions) => {
      const config = o.config ? readEvalConfig(o.config) : configFromFlags(o);
      if (o.gate?.length && o.config) config.gates.push(...o.gate);
      const steward = stewardClient();
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      let created: EvalRun;
      try {
        // The server validates the config's run (metrics, gates): the CLI passes on what the file holds.
        created = await steward.post('/api/evals/runs', { body: runBody(config) as RequestBodyOf<'/api/evals/runs'> });
      } catch (error) {
        // CI shows why nothing ran: the refusal is the report's one error.
        if (o.junit && error instanceof CliError) writeFileSync(o.junit, junitCreationError(config.name ?? `${config.target} on ${config.dataset}`, error.message, seconds()));
        throw error;
      }
      if (!o.wait) {
        if (o.json) return printJson(created);
        process.stdout.write(`${created.id}\n`);
        return;
      }
      process.stderr.write(`run ${created.id}: ${created.target} on ${config.dataset} (${created.progress.total} items)\n`);
      const run = await waitForRun(steward, created.id, Boolean(o.json));
      const gatesWanted = gatesBody(config);
      let gates: ReportGate[] = [];
      if (SCORED.includes(run.status) && gatesWanted) gates = (await steward.post('/api/evals/runs/{id}/gates', { params: { path: { id: run.id } }, body: gatesWanted })).data;
      const errored = SCORED.includes(run.status) && (run.summary?.erroredItems ?? run.progress.failed) > 0 ? await itemErrors(steward, run.id) : [];
      if (o.junit) writeFileSync(o.junit, junitXml(run, gates, seconds(), errored));
      if (o.summary) writeFileSync(o.summary, markdownSummary(run, gates));
      if (o.json) printJson({ run, gates });
      else {
        printSummary(run);
        for (const gate of gates) for (const rule of gate.rules) process.stdout.write(`${rule.passed ? 'PASS' : 'FAIL'}  ${gate.gate}: ${rule.rule} — ${rule.reason}\n`);
      }
      if (!SCORED.includes(run.status)) throw new CliError(`run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}`);
      const failed = gates.flatMap((g) => g.rules.filter((r) => !r.passed));
      if (failed.length > 0) {
        process.stderr.write(`${failed.length} gate rule(s) failed\n`);
        if (o.ci) process.exitCode = 1;
      } else if (gates.length === 0 && errored.length > 0) {
        // With no gate to set an error budget, any errored item fails CI.
        process.stderr.write(`run ${run.id} ${run.status}: ${errored.length} item(s) errored\n`);
        if (o.ci) process.exitCode = 1;
      }
    });

  evalCommand
    .command('status <run>')
    .description('Progress and aggregates of a run')
    .option('--wait', 'wait until it finishes, with a progress bar')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { wait?: boolean; json?: boolean }) => {
      const steward = stewardClient();
      const run = o.wait ? await waitForRun(steward, id, Boolean(o.json)) : await steward.get('/api/evals/runs/{id}', { params: { path: { id } } });
      if (o.json) return printJson(run);
      const errored = run.summary?.erroredItems;
      process.stdout.write(`${run.id} ${run.status} ${run.progress.completed}/${run.progress.total} items, ${run.progress.failed} call errors${errored === undefined ? '' : `, ${errored} items with errors`}\n`);
      if (run.summary) printSummary(run);
    });

  evalCommand
    .command('results <run>')
    .description('Per-item results of a run')
    .option('--limit <n>', 'items', '50')
    .option('--errors', 'only items whose model call failed')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { limit: string; errors?: boolean; json?: boolean }) => {
      // --limit goes as given: the server says when it is not a number.
      const query = { limit: o.limit as unknown as number, errorsOnly: o.errors ? 'true' : 'false' } as const;
      const page = await stewardClient().get('/api/evals/runs/{id}/results', { params: { path: { id }, query } });
      if (o.json) return printJson(page.data);
      printTable(
        page.data.map((r) => ({
          item: r.itemId,
          output: r.output === null ? null : r.output.length > 60 ? `${r.output.slice(0, 59)}…` : r.output,
          error: r.callError,
          scores: Object.entries(r.scores).map(([k, v]) => `${k}=${'score' in v ? v.score.toFixed(3) : `error`}`).join(' '),
        })),
        ['item', 'output', 'scores', 'error'],
      );
    });

  evalCommand
    .command('compare <runA> <runB>')
    .description('Paired comparison (B − A) per metric with CI and p-value, and the items that regressed')
    .option('--alpha <alpha>', 'significance level', '0.05')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, o: { alpha: string; json?: boolean }) => {
      const query = { a, b, alpha: o.alpha as unknown as number };
      const comparison = await stewardClient().get('/api/evals/compare', { params: { query } });
      if (o.json) return printJson(comparison);
      printTable(
        comparison.metrics.map((m) => ({ metric: m.metric, n: m.n, a: m.meanA.toFixed(4), b: m.meanB.toFixed(4), diff: m.difference.toFixed(4), ci95: `[${m.ci.lower.toFixed(3)}, ${m.ci.upper.toFixed(3)}]`, p: m.pValue.toFixed(4), verdict: m.direction, regressed: m.regressions.length })),
        ['metric', 'n', 'a', 'b', 'diff', 'ci95', 'p', 'verdict', 'regressed'],
      );
    });

  evalCommand
    .command('rescore <run>')
    .description('Score a completed run’s stored outputs with other metrics (no model calls for the target)')
    .requiredOption('--metric <name>', 'a metric (repeatable)', collect)
    .option('--no-wait', 'return at once')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { metric: string[]; wait: boolean; json?: boolean }) => {
      const steward = stewardClient();
      const created = await steward.post('/api/evals/runs/{id}/rescore', { params: { path: { id } }, body: { metrics: o.metric.map((metric) => ({ metric })) } });
      if (!o.wait) return o.json ? printJson(created) : void process.stdout.write(`${created.id}\n`);
      const run = await waitForRun(steward, created.id, Boolean(o.json));
      if (o.json) return printJson(run);
      process.stdout.write(`${run.id} ${run.status}\n`);
      printSummary(run);
    });
}
