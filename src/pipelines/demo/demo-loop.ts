// `steward demo loop`: the loop offline on the builtin model, in one process, in two acts on one
// lineage graph. Act 1: simulated users on the `support` route thumb down a task production is weak
// at and correct it; an alert on the route's feedback fires; a pipeline curates the corrections,
// fine-tunes a candidate, gates it on being significantly better, and a canary promotes it.
// Act 2: a nightly retrain makes a candidate that passes the offline gate but answers one class of
// live requests badly; the canary's feedback guard trips and the rollout rolls back by itself.
// Deterministic for a seed: the traffic, decoding (greedy), training and statistics are seeded,
// and time is a simulated clock, so nothing waits on the wall clock.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { systemActor } from '../../governance/index.js';
import { generateTaskExamples } from '../../model/index.js';
import { type StewardHandle, startSteward } from '../../server/index.js';
import type { PipelineDefinitionInput } from '../pipeline-definition.js';
import type { PipelineRunRecord } from '../pipeline-service.js';
import { type CanaryEnd, driveCanary, score, wrongByTask } from './demo-canary.js';
import { lineageOf } from './demo-lineage.js';
import { DemoReferences } from './demo-references.js';
import { SimulatedClock } from './simulated-clock.js';
import { SimulatedUsers, type Visit } from './simulated-users.js';

/** How much the demo does; the defaults are the published demo, tests use smaller ones. */
export interface DemoSize {
  /** Requests the users send per simulated five minutes. */
  visitsPerPeriod: number;
  /** Items of the golden (offline evaluation) dataset. */
  goldenItems: number;
  /** Most periods an alert or a canary may take before the demo gives up. */
  maxPeriods: number;
}

export const DEMO_SIZE: DemoSize = { visitsPerPeriod: 20, goldenItems: 24, maxPeriods: 12 };

export interface DemoLoopOptions {
  /** Where Steward keeps the demo's data; without it a temporary `steward-demo-*` directory, removed at the end. */
  dataDir?: string;
  seed?: number;
  size?: Partial<DemoSize>;
  say?: (line: string) => void;
  /** Print artifact ids in full instead of stable per-run references (`job#1`). */
  showIds?: boolean;
}

export interface DemoActResult {
  pipeline: string;
  run: PipelineRunRecord;
  /** The candidate version the run trained. */
  candidate: string | undefined;
  /** How its canary ended (absent when the gate stopped it). */
  canary: CanaryEnd | undefined;
}

export interface DemoLoopResult {
  acts: DemoActResult[];
  /** What the route serves at the end. */
  production: string[];
  lineage: string[];
  dataDir: string;
  /** False when the data directory was a temporary one and has been removed. */
  kept: boolean;
  url: string;
}

const ROUTE = 'support';
const BASE = 'steward-mini';
const PERIOD_MS = 5 * 60_000;
/** Guards of both canaries. Latency on a shared machine is noise, so it only catches gross slow-downs. */
const GUARDS = { maxErrorRateIncrease: 0.05, maxP95LatencyRatio: 20, maxFeedbackDrop: 0.1, minComparableSamples: 5 };
// The step waits for the outcome on the simulated clock, which skips five minutes per period.
const ROLLOUT = { route: ROUTE, steps: [25, 50, 100], minStepSeconds: 300, minRequests: 5, guards: GUARDS, timeoutSeconds: 86_400 };

function definitions(seed: number, alertRuleId: string): Record<'fix' | 'nightly', PipelineDefinitionInput> {
  const train = { backend: 'builtin', method: 'sft' as const, baseModel: BASE, outputModel: 'support-assistant', backendConfig: { inWorker: false } };
  return {
    // LoRA with a small learning rate: learns the corrected task, keeps the others.
    fix: {
      triggers: { alertRuleId },
      curate: { dataset: 'support-feedback', route: ROUTE },
      train: { ...train, hyperParameters: { learningRate: 1e-3, batchSize: 4, maxSteps: 8, warmupSteps: 2, adapterRank: 8, seed } },
      evaluate: { dataset: 'support-golden', production: ROUTE, metric: 'exact_match', require: 'better' },
      rollout: ROLLOUT,
    },
    // Five times the learning rate and more steps: aces the golden set, forgets what it was not shown.
    nightly: {
      triggers: { scheduleSeconds: 3600 },
      curate: { dataset: 'support-feedback', route: ROUTE },
      train: { ...train, hyperParameters: { learningRate: 5e-3, batchSize: 4, maxSteps: 12, warmupSteps: 2, adapterRank: 8, seed } },
      evaluate: { dataset: 'support-golden', production: ROUTE, metric: 'exact_match', require: 'not_worse', tolerance: 0.05 },
      rollout: ROLLOUT,
    },
  };
}

/** What the users thumbed down, per task. */
function complaints(visits: readonly Visit[]): string {
  const wrong = wrongByTask(visits);
  return wrong ? `thumbs down with a correction on ${wrong}` : 'no complaints';
}

/** Runs both acts and stops the server it started. */
export async function runDemoLoop(options: DemoLoopOptions = {}): Promise<DemoLoopResult> {
  const out = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const seed = options.seed ?? 1;
  const size: DemoSize = { ...DEMO_SIZE, ...options.size };
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'steward-demo-'));
  const refs = new DemoReferences({ showIds: options.showIds });
  const clock = new SimulatedClock();
  const stamp = () => {
    const m = Math.round(clock.skippedMs / 60_000);
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  };
  const line = (text: string) => out(`[t+${stamp()}] ${refs.line(text)}`);
  // Interrupted (Ctrl-C), a temporary directory is removed all the same.
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  if (options.dataDir === undefined) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, interrupted);
  clock.install();
  let handle: StewardHandle | undefined;
  try {
    const config = loadConfig({
      env: {},
      overrides: { 'server.port': 0, 'server.logLevel': 'silent', dataDir, 'security.adminKey': `sk-stw-demo-${randomBytes(12).toString('hex')}`, 'monitoring.rollupIntervalMs': 0, 'monitoring.alertIntervalMs': 0 },
    });
    handle = await startSteward(config, { logger: false });
    const s = handle.services;
    // The demo takes every rollout decision itself, on its clock, and prints it.
    await s.deployments.rolloutController.stop();
    const actor = systemActor(s.defaultProject.id);
    const projectId = actor.projectId;
    out(`steward-mini loop demo, seed ${seed}${options.dataDir ? ` (data in ${dataDir})` : ''}`);

    await s.gatewayServices.routes.put(actor, { name: ROUTE, targets: [{ model: `builtin/${BASE}` }], sticky: 'user' }, 'demo: production answers with the base model');
    line(`route ${ROUTE} → builtin/${BASE} (users stay on one target: sticky by user)`);
    const golden = generateTaskExamples(size.goldenItems, 900_000 + seed, ['repeat']);
    await s.datasets.create(actor, { name: 'support-golden', description: 'the repeat task users complain about, held out from training' });
    const goldenVersion = await s.datasets.importItems(actor, 'support-golden', { items: golden.map((ex) => ({ input: ex.messages.slice(0, -1), reference: ex.answer })), message: 'golden set' });
    line(`dataset support-golden v${goldenVersion.version.version}: ${golden.length} held-out "Repeat twice" questions for the offline gate`);
    const rule = await s.monitoring.alerting.createRule(actor, { name: 'support feedback low', metric: 'feedback_score', filter: { route: ROUTE }, condition: { type: 'threshold', op: '<', value: 0.8 }, aggregation: 'avg', windowSeconds: 900, severity: 'warning' });
    line(`alert rule "${rule.name}": mean feedback on ${ROUTE} over 15 min < 0.8`);
    const defs = definitions(seed, rule.id);
    await s.pipelines.create(actor, { name: 'support-fix', definition: defs.fix });
    line('pipeline support-fix: on that alert, curate → LoRA fine-tune → gate (significantly better) → canary 25% → 50% → 100%');

    const servedBy = async (traceIds: readonly string[]) => {
      const rows = await s.store.db.selectFrom('traces').leftJoin('model_versions', 'model_versions.id', 'traces.version_id').select(['traces.id as id', 'traces.provider as provider', 'traces.model as model', 'model_versions.name as version']).where('traces.id', 'in', [...traceIds]).execute();
      return new Map(rows.map((r) => [r.id, r.version ?? `${r.provider}/${r.model}`]));
    };
    const users = new SimulatedUsers({ gateway: s.gateway, feedback: s.gatewayServices.feedback, actor, route: ROUTE, seed, servedBy });
    let canaryStarted: () => void = () => {};
    s.pipelines.onProgress = (_runId, message) => {
      line(`  ${message}`);
      if (message.startsWith('canary rollout ')) canaryStarted();
    };
    const drive = { controller: s.deployments.rolloutController, rollouts: s.deployments.rollouts, users, clock, projectId, route: ROUTE, visitsPerPeriod: size.visitsPerPeriod, periodMs: PERIOD_MS, maxPeriods: size.maxPeriods, line };

    /** Checks the triggers now, and follows the run that started through its canary. */
    const act = async (pipeline: string): Promise<DemoActResult> => {
      const canary = new Promise<void>((resolve) => {
        canaryStarted = resolve;
      });
      const [started] = await s.pipelines.tick(Date.now());
      // The server's own trigger timer may have been first: follow the run it started.
      const runId = started ?? (await s.pipelines.listRuns(projectId, pipeline)).find((r) => r.status === 'running')?.id;
      if (!runId) throw new Error(`pipeline ${pipeline} did not start`);
      const begun = await s.pipelines.getRun(projectId, runId);
      line(`pipeline ${pipeline} run ${runId} started by its ${begun.trigger} trigger`);
      const finished = s.pipelines.drain();
      const first = await Promise.race([canary.then(() => 'canary' as const), finished.then(() => 'finished' as const)]);
      let end: CanaryEnd | undefined;
      if (first === 'canary') {
        const candidate = await s.pipelines.getRun(projectId, runId).then((r) => r.steps.flatMap((st) => st.artifacts).find((a) => a.kind === 'model_version')?.label ?? '');
        end = await driveCanary({ ...drive, candidate });
      }
      await finished;
      const run = await s.pipelines.getRun(projectId, runId);
      const candidate = run.steps.flatMap((st) => st.artifacts).find((a) => a.kind === 'model_version')?.label;
      return { pipeline, run, candidate, canary: end };
    };

    out('');
    out('Act 1 — production is weak at a task; the loop fixes it');
    let fired = false;
    for (let period = 1; !fired; period++) {
      if (period > size.maxPeriods) throw new Error(`the alert "${rule.name}" did not fire within ${size.maxPeriods} periods`);
      const visits = await users.visit(size.visitsPerPeriod);
      line(`${visits.length} requests on ${ROUTE} (${score(visits)}): ${complaints(visits)}`);
      clock.advance(PERIOD_MS);
      await s.monitoring.metrics.runRollups(Date.now());
      const tick = await s.monitoring.alertEvaluator.tick(Date.now());
      const firing = tick.notifications.find((n) => n.ruleId === rule.id && n.status === 'firing');
      if (firing) {
        fired = true;
        line(`ALERT "${firing.ruleName}" firing: ${firing.description}`);
      }
    }
    const act1 = await act('support-fix');
    out('');
    out('Act 2 — a candidate that passes offline and fails live');
    const settled = await users.visit(size.visitsPerPeriod);
    line(`${settled.length} requests on ${ROUTE}, served by ${[...new Set(settled.map((v) => v.servedBy))].join(', ')} (${score(settled)}): ${complaints(settled)}`);
    await s.pipelines.create(actor, { name: 'support-nightly', definition: defs.nightly });
    line('pipeline support-nightly: hourly, curate → LoRA fine-tune at 5× the learning rate → gate (not worse than production by 0.05) → canary');
    clock.advance(3_600_000);
    const act2 = await act('support-nightly');

    const route = s.gatewayServices.routes.get(projectId, ROUTE);
    const production = route?.config.targets.filter((t) => t.weight > 0).map((t) => t.model) ?? [];
    out('');
    line(`route ${ROUTE} serves ${production.join(', ')}`);
    const lineage = act1.canary?.action === 'completed' ? await lineageOf({ store: s.store, datasets: s.datasets, training: s.training, projectId, refs }, act1.run, act1.pipeline) : [];
    if (lineage.length) {
      out('');
      out('Lineage of what production serves, back to the feedback that caused it:');
      for (const l of lineage) out(l);
    }
    return { acts: [act1, act2], production, lineage, dataDir, kept: options.dataDir !== undefined, url: handle.url };
  } finally {
    try {
      await handle?.close();
    } finally {
      clock.uninstall();
      if (options.dataDir === undefined) {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, interrupted);
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
}
