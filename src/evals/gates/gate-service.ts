// Named gates (rules evaluated on a run), their stored results, and the registry's GateChecker:
// a promotion gate passes when the version's latest finished run on the gate's dataset meets
// every rule. Every evaluation also holds the run to an error budget: the share of items with a
// call or metric error must not exceed `maxErrorRate` (0 unless the gate says otherwise), so a run
// that is broken never passes. "No significant regression vs production" compares, item by item,
// with the latest run of the production version of the model behind the run's target.
import { StewardError, notFound } from '../../errors/index.js';
import type { Actor } from '../../governance/index.js';
import { recordAudit } from '../../governance/index.js';
import type { GateChecker, GateResult, GateSubject } from '../../registry/index.js';
import type { EvalRunsTable, Store, Tx } from '../../store/index.js';
import { isUniqueViolation, newId } from '../../store/index.js';
import type { EvalService } from '../eval-service.js';
import { type EvalRun, FINISHED_RUN_STATUSES, isFinishedRun } from '../runs/run-records.js';
import { type RuleOutcome, evaluateThreshold } from './evaluate-threshold.js';
import { type GateRule, parseGateRule } from './gate-rule.js';

export interface EvalGate {
  id: string;
  name: string;
  description: string;
  /** The dataset the gate's run must be on, or null for any. */
  dataset: string | null;
  rules: string[];
  /** Share of errored items (call or metric error) the gate tolerates; 0 fails on any error. */
  maxErrorRate: number;
  createdAt: string;
  updatedAt: string;
}

export interface GateEvaluation {
  id: string;
  runId: string;
  gate: string;
  passed: boolean;
  rules: RuleOutcome[];
  baselineRunId: string | null;
  createdAt: string;
}

/** A named gate as declared: its rules, and optionally the dataset its runs must be on. */
export interface GateInput {
  name: string;
  rules: string[];
  dataset?: string | null;
  description?: string;
  /** Default 0: a single errored item fails the gate. */
  maxErrorRate?: number;
}

export class GateService {
  readonly #store: Store;
  readonly #evals: EvalService;

  constructor(options: { store: Store; evals: EvalService }) {
    this.#store = options.store;
    this.#evals = options.evals;
  }

  /** Creates or replaces a named gate; every rule is parsed first (400 on a bad one). */
  async put(actor: Actor, input: GateInput): Promise<EvalGate> {
    try {
      return await this.#store.transaction((tx) => this.putIn(tx, actor, input));
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'CONFLICT', message: `gate ${input.name} was created concurrently; retry` });
      throw error;
    }
  }

  /** {@link put} inside the caller's transaction (`steward apply` writes gates with everything else). */
  async putIn(tx: Tx, actor: Actor, input: GateInput): Promise<EvalGate> {
    input.rules.forEach(parseGateRule);
    const now = Date.now();
    const existing = await tx.selectFrom('eval_gates').selectAll().where('project_id', '=', actor.projectId).where('name', '=', input.name).executeTakeFirst();
    const row = {
      id: existing?.id ?? newId('gate'),
      project_id: actor.projectId,
      name: input.name,
      description: input.description ?? existing?.description ?? '',
      dataset_name: input.dataset ?? null,
      rules_json: JSON.stringify(input.rules),
      max_error_rate: input.maxErrorRate ?? existing?.max_error_rate ?? 0,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    if (existing) await tx.updateTable('eval_gates').set(row).where('id', '=', existing.id).execute();
    else await tx.insertInto('eval_gates').values(row).execute();
    await recordAudit(tx, { actor, action: existing ? 'evals.gate.update' : 'evals.gate.create', resourceType: 'eval_gate', resourceId: row.id, before: existing ? JSON.parse(existing.rules_json) : undefined, after: { rules: input.rules, dataset: row.dataset_name, maxErrorRate: row.max_error_rate } });
    return toGate(row);
  }

  async list(projectId: string): Promise<EvalGate[]> {
    return (await this.#store.db.selectFrom('eval_gates').selectAll().where('project_id', '=', projectId).orderBy('name').execute()).map(toGate);
  }

  async get(projectId: string, name: string): Promise<EvalGate> {
    const gate = await this.find(projectId, name);
    if (!gate) throw notFound(`gate ${name}`);
    return gate;
  }

  async find(projectId: string, name: string): Promise<EvalGate | undefined> {
    const row = await this.#store.db.selectFrom('eval_gates').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    return row ? toGate(row) : undefined;
  }

  /**
   * Evaluates named gates and/or inline rules on a finished run and stores each result; with
   * neither, the gates the run was created with. Inline rules are stored under the gate name
   * `inline` and tolerate `maxErrorRate` (default 0) of errored items.
   */
  async evaluate(actor: Actor, runId: string, input: { gates?: string[]; rules?: string[]; maxErrorRate?: number }): Promise<GateEvaluation[]> {
    const run = await this.#evals.getRun(actor.projectId, runId);
    if (!isFinishedRun(run.status)) throw new StewardError({ code: 'EVAL_RUN_STATE', message: `run ${runId} is ${run.status}; gates are evaluated on finished runs (completed or completed_with_errors)` });
    const given = (input.gates?.length ?? 0) > 0 || (input.rules?.length ?? 0) > 0;
    const chosen = given ? input : (run.params.gates ?? {});
    const sets: { name: string; rules: string[]; maxErrorRate: number }[] = [];
    for (const name of chosen.gates ?? []) {
      const gate = await this.get(actor.projectId, name);
      sets.push({ name, rules: gate.rules, maxErrorRate: gate.maxErrorRate });
    }
    if (chosen.rules && chosen.rules.length > 0) sets.push({ name: 'inline', rules: chosen.rules, maxErrorRate: input.maxErrorRate ?? chosen.maxErrorRate ?? 0 });
    if (sets.length === 0) throw new StewardError({ code: 'VALIDATION_FAILED', message: 'name gates or give rules to evaluate (the run was created without gates)' });
    const evaluations: GateEvaluation[] = [];
    for (const set of sets) evaluations.push(await this.#evaluateAndStore(actor, run, set.name, set.rules, set.maxErrorRate));
    return evaluations;
  }

  async results(projectId: string, runId: string): Promise<GateEvaluation[]> {
    await this.#evals.getRun(projectId, runId);
    const rows = await this.#store.db.selectFrom('eval_gate_results').selectAll().where('run_id', '=', runId).orderBy('created_at').execute();
    return rows.map((row) => ({ id: row.id, runId: row.run_id, gate: row.gate_name, passed: row.passed === 1, rules: JSON.parse(row.results_json) as RuleOutcome[], baselineRunId: row.baseline_run_id, createdAt: new Date(Number(row.created_at)).toISOString() }));
  }

  /** The registry's promotion gate checker over evaluation runs. */
  checker(): GateChecker {
    return { check: (model, version, gateName) => this.#check(model, version, gateName) };
  }

  async #check(model: GateSubject['model'], version: GateSubject['version'], gateName: string): Promise<GateResult> {
    const db = this.#store.db;
    // The gate of the model's own project: a gate of the same name elsewhere never decides.
    const gate = await db.selectFrom('eval_gates').selectAll().where('project_id', '=', model.projectId).where('name', '=', gateName).executeTakeFirst();
    if (!gate) return { passed: false, reason: `gate ${gateName}: no evaluation gate of that name` };
    let query = db
      .selectFrom('eval_runs')
      .selectAll('eval_runs')
      .where('eval_runs.project_id', '=', gate.project_id)
      .where('eval_runs.status', 'in', [...FINISHED_RUN_STATUSES])
      .where((eb) =>
        eb.or([
          eb.and([eb('eval_runs.model_name', '=', model.name), eb('eval_runs.model_version', 'in', [version.name, version.id, String(version.seq)])]),
          eb('eval_runs.target', '=', version.name),
          ...(version.evalRunIds.length > 0 ? [eb('eval_runs.id', 'in', [...version.evalRunIds])] : []),
        ]),
      )
      .orderBy('eval_runs.finished_at', 'desc');
    if (gate.dataset_name) {
      query = query.innerJoin('datasets', 'datasets.id', 'eval_runs.dataset_id').where('datasets.name', '=', gate.dataset_name);
    }
    const row = await query.executeTakeFirst();
    if (!row) return { passed: false, reason: `gate ${gateName}: no completed evaluation run of ${version.name}${gate.dataset_name ? ` on dataset ${gate.dataset_name}` : ''}` };
    const actor: Actor = { id: null, name: 'system (promotion gate)', role: 'admin', projectId: gate.project_id };
    const evaluation = await this.#evaluateAndStore(actor, await this.#evals.getRun(gate.project_id, row.id), gateName, JSON.parse(gate.rules_json) as string[], Number(gate.max_error_rate ?? 0));
    const failed = evaluation.rules.filter((r) => !r.passed);
    return {
      passed: evaluation.passed,
      evalRunId: row.id,
      reason: evaluation.passed ? `gate ${gateName}: run ${row.id} meets ${evaluation.rules.length} rule(s)` : `gate ${gateName}: run ${row.id} fails ${failed.map((r) => `${r.rule} (${r.reason})`).join('; ')}`,
    };
  }

  async #evaluateAndStore(actor: Actor, run: EvalRun, gateName: string, texts: string[], maxErrorRate: number): Promise<GateEvaluation> {
    const rules: GateRule[] = texts.map(parseGateRule);
    const outcomes: RuleOutcome[] = [errorBudget(run, maxErrorRate)];
    let baselineRunId: string | null = null;
    for (const rule of rules) {
      if (rule.kind === 'threshold') {
        if (!run.summary) outcomes.push({ rule: rule.text, passed: false, actual: null, reason: 'the run has no summary' });
        else outcomes.push(evaluateThreshold(rule, run.summary));
        continue;
      }
      const found = rule.baseline === 'production' ? await this.#productionBaseline(run) : await this.#runBaseline(run, rule.baseline.runId);
      if ('missing' in found) {
        const allowed = found.missing === 'no_production' && rule.ifProductionExists;
        outcomes.push({ rule: rule.text, passed: allowed, actual: null, reason: allowed ? `${found.reason}: nothing to regress against (the rule allows it)` : found.reason });
        continue;
      }
      const baseline = found.run;
      baselineRunId = baseline.id;
      const comparison = await this.#evals.compare(run.projectId, baseline.id, run.id, { alpha: rule.alpha });
      const regressed = comparison.metrics.filter((m) => m.direction === 'regressed');
      const against = `run ${baseline.id}${found.label ? ` (${found.label})` : ''}`;
      outcomes.push({
        rule: rule.text,
        passed: regressed.length === 0,
        actual: regressed.length,
        reason: regressed.length === 0 ? `no metric regressed significantly against ${against} (α = ${rule.alpha})` : `regressed against ${against}: ${regressed.map((m) => `${m.metric} ${m.difference.toFixed(4)} (p = ${m.pValue.toFixed(4)})`).join(', ')}`,
        details: { baselineRunId: baseline.id, metrics: comparison.metrics.map((m) => ({ metric: m.metric, difference: m.difference, pValue: m.pValue, direction: m.direction })) },
      });
    }
    const passed = outcomes.every((o) => o.passed);
    const row = { id: newId('gres'), run_id: run.id, gate_name: gateName, passed: passed ? 1 : 0, results_json: JSON.stringify(outcomes), baseline_run_id: baselineRunId, created_at: Date.now(), created_by: actor.id };
    await this.#store.transaction(async (tx) => {
      await tx.insertInto('eval_gate_results').values(row).execute();
      await recordAudit(tx, { actor, action: 'evals.gate.evaluate', resourceType: 'eval_run', resourceId: run.id, after: { gate: gateName, passed } });
    });
    return { id: row.id, runId: run.id, gate: gateName, passed, rules: outcomes, baselineRunId, createdAt: new Date(row.created_at).toISOString() };
  }

  async #runBaseline(run: EvalRun, runId: string): Promise<Baseline> {
    const row = await this.#store.db.selectFrom('eval_runs').selectAll().where('id', '=', runId).where('project_id', '=', run.projectId).executeTakeFirst();
    if (!row) return { missing: 'no_run', reason: `no evaluation run ${runId} in this project` };
    if (!isFinishedRun(row.status)) return { missing: 'no_run', reason: `run ${runId} is ${row.status}: nothing to compare with` };
    return { run: row };
  }

  /**
   * The latest finished run of the production version of the model behind the run's target (an
   * alias, a version or a route, resolved when the run was created) on the same dataset version.
   */
  async #productionBaseline(run: EvalRun): Promise<Baseline> {
    if (!run.model) return { missing: 'no_production', reason: `the target ${run.target} resolves to no single registry model, so it has no production version` };
    const db = this.#store.db;
    const production = await db
      .selectFrom('model_aliases')
      .innerJoin('models', 'models.id', 'model_aliases.model_id')
      .innerJoin('model_versions', 'model_versions.id', 'model_aliases.version_id')
      .select(['model_versions.name as version_name', 'model_versions.id as version_id', 'model_versions.seq as seq'])
      .where('models.project_id', '=', run.projectId)
      .where('models.name', '=', run.model.name)
      .where('model_aliases.alias', '=', 'production')
      .executeTakeFirst();
    if (!production) return { missing: 'no_production', reason: `${run.model.name} has no production version` };
    const label = `${production.version_name}, production`;
    const row = await db
      .selectFrom('eval_runs')
      .selectAll()
      .where('project_id', '=', run.projectId)
      .where('status', 'in', [...FINISHED_RUN_STATUSES])
      .where('dataset_version_id', '=', run.datasetVersionId)
      .where('model_name', '=', run.model.name)
      .where('model_version', 'in', [production.version_name, production.version_id, String(production.seq)])
      .where('id', '!=', run.id)
      .orderBy('finished_at', 'desc')
      .executeTakeFirst();
    if (!row) return { missing: 'no_run', reason: `no completed run of ${production.version_name} (${run.model.name}'s production version) on this dataset version: evaluate it first` };
    return { run: row, label };
  }
}

/** A regression rule's baseline run, or why there is none. */
type Baseline = { run: EvalRunsTable; label?: string } | { missing: 'no_production' | 'no_run'; reason: string };

/** The implicit first rule of every gate: errored items (call or metric errors) within the budget. */
function errorBudget(run: EvalRun, maxErrorRate: number): RuleOutcome {
  const rule = `error rate <= ${maxErrorRate}`;
  const summary = run.summary;
  if (!summary) return { rule, passed: false, actual: null, reason: 'the run has no summary' };
  const items = summary.items;
  const errored = summary.erroredItems ?? summary.callErrors;
  const rate = items === 0 ? 1 : errored / items;
  const perMetric = Object.values(summary.metrics)
    .filter((m) => m.errors > 0)
    .map((m) => `${m.name} ${m.errors}`);
  const breakdown = [summary.callErrors > 0 ? `call errors ${summary.callErrors}` : '', ...perMetric].filter(Boolean).join(', ');
  const passed = rate <= maxErrorRate;
  return {
    rule,
    passed,
    actual: rate,
    reason: `${errored} of ${items} items errored${breakdown ? ` (${breakdown})` : ''}: ${Math.round(rate * 10_000) / 100}% ${passed ? 'is within' : 'exceeds'} the allowed ${Math.round(maxErrorRate * 10_000) / 100}%`,
    details: { erroredItems: errored, items, callErrors: summary.callErrors, metricErrors: Object.fromEntries(Object.values(summary.metrics).map((m) => [m.name, m.errors])) },
  };
}

function toGate(row: { id: string; name: string; description: string; dataset_name: string | null; rules_json: string; max_error_rate: number; created_at: number; updated_at: number }): EvalGate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    dataset: row.dataset_name,
    rules: JSON.parse(row.rules_json) as string[],
    maxErrorRate: Number(row.max_error_rate ?? 0),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}
