// Evaluation runs as a service: create (validated, then run in the background), progress, per-item
// results and aggregates, cancel and resume, re-score from cached outputs, paired comparison of two
// runs, and a leaderboard per dataset.
import type { DatasetService } from '../datasets/index.js';
import { StewardError, notFound } from '../errors/index.js';
import type { Actor } from '../governance/index.js';
import { recordAudit } from '../governance/index.js';
import type { EvalRunsTable, Store } from '../store/index.js';
import { newId, toJsonColumn } from '../store/index.js';
import { type CompareOptions, type RunComparison, compareRuns } from './compare/compare-runs.js';
import { type RunSummary, aggregateResults } from './results/aggregate-results.js';
import { GateService } from './gates/gate-service.js';
import type { EvalRunner } from './runner/eval-runner.js';
import { type EvalRun, FINISHED_RUN_STATUSES, type ItemResult, type RunStatus, isFinishedRun, toItemResult, toRun } from './runs/run-records.js';
import { type MetricEntry, type RunSpecInput, RunSpecSchema, bindMetrics } from './runs/run-spec.js';
import { type ResolvedTarget, type TargetResolver, checkMetricModels, validateRunSpec } from './runs/validate-run.js';

export interface LeaderboardEntry {
  runId: string;
  target: string;
  model: { name: string; version: string } | null;
  datasetVersion: number;
  prompt: string | null;
  finishedAt: string | null;
  items: number;
  metrics: Record<string, { mean: number | null; ci: { lower: number; upper: number } | null; n: number }>;
}

export class EvalService {
  readonly #store: Store;
  readonly #datasets: DatasetService;
  readonly #runner: EvalRunner;
  /** Named gates, their results, and the registry's GateChecker (`gates.checker()`). */
  readonly gates: GateService;

  readonly #promptVersion: ((projectId: string, name: string, selector: { version?: number; label?: string }) => Promise<number>) | undefined;
  readonly #resolveTarget: TargetResolver | undefined;

  /**
   * `promptVersion` pins a stored prompt (by number or label) to a version number at run creation;
   * `resolveTarget` checks, at creation, that every model the run will call resolves (the gateway's planner).
   */
  constructor(options: {
    store: Store;
    datasets: DatasetService;
    runner: EvalRunner;
    promptVersion?: (projectId: string, name: string, selector: { version?: number; label?: string }) => Promise<number>;
    resolveTarget?: TargetResolver;
  }) {
    this.#promptVersion = options.promptVersion;
    this.#resolveTarget = options.resolveTarget;
    this.#store = options.store;
    this.#datasets = options.datasets;
    this.#runner = options.runner;
    this.gates = new GateService({ store: options.store, evals: this });
  }

  get runner(): EvalRunner {
    return this.#runner;
  }

  /** Validates and records a run, then starts it in the background. */
  async createRun(actor: Actor, input: RunSpecInput): Promise<EvalRun> {
    const parsed = RunSpecSchema.safeParse(input);
    if (!parsed.success) throw new StewardError({ code: 'VALIDATION_FAILED', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), details: parsed.error.issues });
    const spec = parsed.data;
    const resolved = await validateRunSpec(spec, {
      projectId: actor.projectId,
      resolveTarget: this.#resolveTarget,
      gateRules: async (name) => (await this.gates.find(actor.projectId, name))?.rules,
    });
    const model = spec.model ?? (await this.#registryModelOf(actor.projectId, resolved));
    if (spec.prompt?.name !== undefined) {
      if (!this.#promptVersion) throw new StewardError({ code: 'VALIDATION_FAILED', message: 'stored prompts are not available in this process: give prompt.template and/or prompt.system' });
      const wanted = spec.prompt.version;
      const selector = wanted === undefined ? {} : typeof wanted === 'number' || /^\d+$/.test(wanted) ? { version: Number(wanted) } : { label: wanted };
      // Pinned now, so a resumed or re-scored run renders the same version even after a label moves.
      spec.prompt = { ...spec.prompt, version: await this.#promptVersion(actor.projectId, spec.prompt.name, selector) };
    }
    const refuseMissing = (field: 'dataset' | 'datasetVersion') => (error: unknown): never => {
      if (error instanceof StewardError && error.code === 'NOT_FOUND') {
        throw new StewardError({ code: 'EVAL_DATASET_INVALID', message: `${field}: ${error.message}`, details: { field, dataset: spec.dataset, version: spec.datasetVersion } });
      }
      throw error;
    };
    await this.#datasets.get(actor.projectId, spec.dataset).catch(refuseMissing('dataset'));
    const version = await this.#datasets.getVersion(actor.projectId, spec.dataset, spec.datasetVersion).catch(refuseMissing('datasetVersion'));
    const total = spec.split ? (version.splits[spec.split] ?? 0) : version.itemCount;
    if (total === 0) throw new StewardError({ code: 'EVAL_DATASET_INVALID', message: `dataset ${spec.dataset}@${version.version} has no items${spec.split ? ` in split ${spec.split}` : ''}`, details: { field: spec.split ? 'split' : 'dataset' } });
    const row: EvalRunsTable = {
      id: newId('evr'),
      project_id: actor.projectId,
      name: spec.name ?? `${spec.target} on ${spec.dataset}@${version.version}`,
      dataset_id: version.datasetId,
      dataset_version_id: version.id,
      target: spec.target,
      model_name: model?.name ?? null,
      model_version: model?.version ?? null,
      prompt_json: toJsonColumn(spec.prompt),
      metrics_json: JSON.stringify(spec.metrics),
      params_json: JSON.stringify({ ...spec.params, ...(spec.split ? { split: spec.split } : {}), ...(spec.gates ? { gates: spec.gates } : {}) }),
      total_items: total,
      rescored_from: null,
      ...freshRunFields(actor),
    };
    await this.#insert(actor, row, 'evals.run.create');
    this.#runner.start(row.id);
    return toRun(row);
  }

  async getRun(projectId: string, id: string): Promise<EvalRun> {
    return toRun(await this.#row(projectId, id));
  }

  async listRuns(projectId: string, filter: { dataset?: string; status?: RunStatus; target?: string; limit?: number } = {}): Promise<EvalRun[]> {
    let query = this.#store.db.selectFrom('eval_runs').selectAll().where('project_id', '=', projectId).orderBy('created_at', 'desc').limit(filter.limit ?? 100);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.target) query = query.where('target', '=', filter.target);
    if (filter.dataset) query = query.where('dataset_id', '=', (await this.#datasets.get(projectId, filter.dataset)).id);
    return (await query.execute()).map(toRun);
  }

  async results(projectId: string, id: string, page: { after?: number; limit?: number; errorsOnly?: boolean } = {}): Promise<ItemResult[]> {
    await this.#row(projectId, id);
    let query = this.#store.db.selectFrom('eval_results').selectAll().where('run_id', '=', id).orderBy('position').limit(page.limit ?? 100);
    if (page.after !== undefined) query = query.where('position', '>', page.after);
    if (page.errorsOnly) query = query.where('call_error', 'is not', null);
    return (await query.execute()).map(toItemResult);
  }

  /** The run's aggregates: stored when it finished, computed from the results so far otherwise. */
  async summary(projectId: string, id: string): Promise<RunSummary> {
    const run = toRun(await this.#row(projectId, id));
    if (run.summary && isFinishedRun(run.status)) return run.summary;
    return aggregateResults(await this.#allResults(id), run.metrics.map(metricName), { resamples: run.params.resamples });
  }

  async cancel(actor: Actor, id: string): Promise<EvalRun> {
    const row = await this.#row(actor.projectId, id);
    if (row.status !== 'queued' && row.status !== 'running') throw new StewardError({ code: 'EVAL_RUN_STATE', message: `run ${id} is ${row.status}; only queued or running runs can be cancelled` });
    await this.#store.transaction(async (tx) => {
      await tx.updateTable('eval_runs').set({ status: 'cancelled' }).where('id', '=', id).execute();
      await recordAudit(tx, { actor, action: 'evals.run.cancel', resourceType: 'eval_run', resourceId: id, before: { status: row.status } });
    });
    this.#runner.stop(id);
    await this.#runner.settled(id);
    return this.getRun(actor.projectId, id);
  }

  /** Resumes a cancelled, failed or orphaned run: finished items are kept, the rest are evaluated. */
  async resume(actor: Actor, id: string, options: { retryFailed?: boolean } = {}): Promise<EvalRun> {
    const row = await this.#row(actor.projectId, id);
    if (isFinishedRun(row.status) && !options.retryFailed) throw new StewardError({ code: 'EVAL_RUN_STATE', message: `run ${id} is ${row.status}; pass retryFailed to re-run items whose call failed` });
    if (this.#runner.isActive(id)) return toRun(row);
    await this.#store.transaction(async (tx) => {
      if (options.retryFailed) {
        const failed = await tx.deleteFrom('eval_results').where('run_id', '=', id).where('call_error', 'is not', null).executeTakeFirst();
        const removed = Number(failed.numDeletedRows);
        await tx
          .updateTable('eval_runs')
          .set((eb) => ({ completed_items: eb('completed_items', '-', removed), failed_items: eb('failed_items', '-', removed) }))
          .where('id', '=', id)
          .execute();
      }
      await tx.updateTable('eval_runs').set({ status: 'queued', error: null, finished_at: null, summary_json: null, lease_owner: null, lease_until: null }).where('id', '=', id).execute();
      await recordAudit(tx, { actor, action: 'evals.run.resume', resourceType: 'eval_run', resourceId: id, before: { status: row.status }, after: { retryFailed: options.retryFailed ?? false } });
    });
    this.#runner.start(id);
    return this.getRun(actor.projectId, id);
  }

  /** A new run scoring a completed run's stored outputs with other metrics: no model call for the target. */
  async rescore(actor: Actor, id: string, input: { metrics: MetricEntry[]; name?: string }): Promise<EvalRun> {
    const source = await this.#row(actor.projectId, id);
    if (!isFinishedRun(source.status)) throw new StewardError({ code: 'EVAL_RUN_STATE', message: `run ${id} is ${source.status}; only a finished run's outputs can be re-scored` });
    const metrics = RunSpecSchema.shape.metrics.parse(input.metrics);
    bindMetrics(metrics);
    await checkMetricModels(metrics, { projectId: actor.projectId, resolveTarget: this.#resolveTarget });
    const row: EvalRunsTable = {
      ...source,
      id: newId('evr'),
      name: input.name ?? `${source.name} (re-scored)`,
      metrics_json: JSON.stringify(metrics),
      rescored_from: source.id,
      ...freshRunFields(actor),
    };
    await this.#insert(actor, row, 'evals.run.rescore');
    this.#runner.start(row.id);
    return toRun(row);
  }

  async compare(projectId: string, a: string, b: string, options: CompareOptions = {}): Promise<RunComparison> {
    const [runA, runB] = [toRun(await this.#row(projectId, a)), toRun(await this.#row(projectId, b))];
    return compareRuns(runA, await this.#allResults(a), runB, await this.#allResults(b), options);
  }

  /** The latest completed run per target (and model version and prompt) on a dataset, best first by `metric`. */
  async leaderboard(projectId: string, datasetName: string, options: { version?: string | number; metric?: string } = {}): Promise<{ dataset: string; metric: string | null; entries: LeaderboardEntry[] }> {
    const dataset = await this.#datasets.get(projectId, datasetName);
    let query = this.#store.db
      .selectFrom('eval_runs')
      .innerJoin('dataset_versions', 'dataset_versions.id', 'eval_runs.dataset_version_id')
      .selectAll('eval_runs')
      .select('dataset_versions.version as dataset_version')
      .where('eval_runs.dataset_id', '=', dataset.id)
      .where('eval_runs.status', 'in', [...FINISHED_RUN_STATUSES])
      .orderBy('eval_runs.finished_at', 'desc');
    if (options.version !== undefined) query = query.where('eval_runs.dataset_version_id', '=', (await this.#datasets.getVersion(projectId, datasetName, options.version)).id);
    const seen = new Set<string>();
    const entries: LeaderboardEntry[] = [];
    for (const row of await query.execute()) {
      const run = toRun(row);
      const key = JSON.stringify([run.target, run.model, run.prompt, row.dataset_version]);
      if (seen.has(key)) continue;
      seen.add(key);
      const metrics: LeaderboardEntry['metrics'] = {};
      for (const [name, aggregate] of Object.entries(run.summary?.metrics ?? {})) metrics[name] = { mean: aggregate.mean, ci: aggregate.ci ? { lower: aggregate.ci.lower, upper: aggregate.ci.upper } : null, n: aggregate.n };
      entries.push({
        runId: run.id,
        target: run.target,
        model: run.model,
        datasetVersion: Number(row.dataset_version),
        prompt: run.prompt ? (run.prompt.name ?? 'inline') : null,
        finishedAt: run.finishedAt,
        items: run.progress.completed,
        metrics,
      });
    }
    const metric = options.metric ?? entries.flatMap((e) => Object.keys(e.metrics))[0] ?? null;
    if (metric) entries.sort((x, y) => (y.metrics[metric]?.mean ?? Number.NEGATIVE_INFINITY) - (x.metrics[metric]?.mean ?? Number.NEGATIVE_INFINITY));
    return { dataset: dataset.name, metric, entries };
  }

  /** The one registry model behind a target (an alias, a version, a route to versions of one model), or undefined. */
  async #registryModelOf(projectId: string, target: ResolvedTarget): Promise<{ name: string; version: string } | undefined> {
    if (target.versionIds.length === 0) return undefined;
    const rows = await this.#store.db
      .selectFrom('model_versions')
      .innerJoin('models', 'models.id', 'model_versions.model_id')
      .select(['models.name as model', 'model_versions.name as version', 'model_versions.id as id'])
      .where('model_versions.id', 'in', [...target.versionIds])
      .where('models.project_id', '=', projectId)
      .execute();
    const models = new Set(rows.map((r) => r.model));
    if (models.size !== 1) return undefined;
    // The first target is the one the route prefers; a single model's version names it.
    const first = rows.find((r) => r.id === target.versionIds[0]) ?? rows[0];
    return { name: first.model, version: first.version };
  }

  async #allResults(runId: string): Promise<ItemResult[]> {
    return (await this.#store.db.selectFrom('eval_results').selectAll().where('run_id', '=', runId).orderBy('position').execute()).map(toItemResult);
  }

  async #row(projectId: string, id: string): Promise<EvalRunsTable> {
    const row = await this.#store.db.selectFrom('eval_runs').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
    if (!row) throw notFound(`evaluation run ${id}`);
    return row;
  }

  async #insert(actor: Actor, row: EvalRunsTable, action: string): Promise<void> {
    await this.#store.transaction(async (tx) => {
      await tx.insertInto('eval_runs').values(row).execute();
      await recordAudit(tx, { actor, action, resourceType: 'eval_run', resourceId: row.id, after: { target: row.target, dataset_version_id: row.dataset_version_id, metrics: JSON.parse(row.metrics_json), rescoredFrom: row.rescored_from } });
    });
  }
}

export function metricName(entry: MetricEntry): string {
  return entry.name ?? entry.metric;
}

/** The state every new run starts in: queued, nothing done, no lease. */
function freshRunFields(actor: Actor) {
  return {
    status: 'queued',
    completed_items: 0,
    failed_items: 0,
    summary_json: null,
    error: null,
    lease_owner: null,
    lease_until: null,
    created_at: Date.now(),
    started_at: null,
    finished_at: null,
    created_by: actor.id,
  } satisfies Partial<EvalRunsTable>;
}
