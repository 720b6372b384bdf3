// Named gates (rules evaluated on a run), their stored results, and the registry's GateChecker:
// a promotion gate passes when the version's latest completed run on the gate's dataset meets
// every rule. "No significant regression vs production" compares, item by item, with the latest
// run of the model's production version on the same dataset version.
import { StewardError, notFound } from '../../errors/index.js';
import type { Actor } from '../../governance/index.js';
import { recordAudit } from '../../governance/index.js';
import type { GateChecker, GateResult, GateSubject } from '../../registry/index.js';
import type { EvalRunsTable, Store, Tx } from '../../store/index.js';
import { isUniqueViolation, newId } from '../../store/index.js';
import type { EvalService } from '../eval-service.js';
import type { EvalRun } from '../runs/run-records.js';
import { type RuleOutcome, evaluateThreshold } from './evaluate-threshold.js';
import { type GateRule, parseGateRule } from './gate-rule.js';

export interface EvalGate {
  id: string;
  name: string;
  description: string;
  /** The dataset the gate's run must be on, or null for any. */
  dataset: string | null;
  rules: string[];
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
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    if (existing) await tx.updateTable('eval_gates').set(row).where('id', '=', existing.id).execute();
    else await tx.insertInto('eval_gates').values(row).execute();
    await recordAudit(tx, { actor, action: existing ? 'evals.gate.update' : 'evals.gate.create', resourceType: 'eval_gate', resourceId: row.id, before: existing ? JSON.parse(existing.rules_json) : undefined, after: { rules: input.rules, dataset: row.dataset_name } });
    return toGate(row);
  }

  async list(projectId: string): Promise<EvalGate[]> {
    return (await this.#store.db.selectFrom('eval_gates').selectAll().where('project_id', '=', projectId).orderBy('name').execute()).map(toGate);
  }

  async get(projectId: string, name: string): Promise<EvalGate> {
    const row = await this.#store.db.selectFrom('eval_gates').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    if (!row) throw notFound(`gate ${name}`);
    return toGate(row);
  }

  /**
   * Evaluates named gates and/or inline rules on a completed run and stores each result.
   * Inline rules are stored under the gate name `inline`.
   */
  async evaluate(actor: Actor, runId: string, input: { gates?: string[]; rules?: string[] }): Promise<GateEvaluation[]> {
    const run = await this.#evals.getRun(actor.projectId, runId);
    if (run.status !== 'completed') throw new StewardError({ code: 'EVAL_RUN_STATE', message: `run ${runId} is ${run.status}; gates are evaluated on completed runs` });
    const sets: { name: string; rules: string[] }[] = [];
    for (const name of input.gates ?? []) sets.push({ name, rules: (await this.get(actor.projectId, name)).rules });
    if (input.rules && input.rules.length > 0) sets.push({ name: 'inline', rules: input.rules });
    if (sets.length === 0) throw new StewardError({ code: 'VALIDATION_FAILED', message: 'name gates or give rules to evaluate' });
    const evaluations: GateEvaluation[] = [];
    for (const set of sets) evaluations.push(await this.#evaluateAndStore(actor, run, set.name, set.rules));
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
    const gate = await db.selectFrom('eval_gates').selectAll().where('name', '=', gateName).orderBy('created_at').executeTakeFirst();
    if (!gate) return { passed: false, reason: `gate ${gateName}: no evaluation gate of that name` };
    let query = db
      .selectFrom('eval_runs')
      .selectAll('eval_runs')
      .where('eval_runs.project_id', '=', gate.project_id)
      .where('eval_runs.status', '=', 'completed')
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
    const evaluation = await this.#evaluateAndStore(actor, await this.#evals.getRun(gate.project_id, row.id), gateName, JSON.parse(gate.rules_json) as string[]);
    const failed = evaluation.rules.filter((r) => !r.passed);
    return {
      passed: evaluation.passed,
      evalRunId: row.id,
      reason: evaluation.passed ? `gate ${gateName}: run ${row.id} meets ${evaluation.rules.length} rule(s)` : `gate ${gateName}: run ${row.id} fails ${failed.map((r) => `${r.rule} (${r.reason})`).join('; ')}`,
    };
  }

  async #evaluateAndStore(actor: Actor, run: EvalRun, gateName: string, texts: string[]): Promise<GateEvaluation> {
    const rules: GateRule[] = texts.map(parseGateRule);
    const outcomes: RuleOutcome[] = [];
    let baselineRunId: string | null = null;
    for (const rule of rules) {
      if (rule.kind === 'threshold') {
        if (!run.summary) outcomes.push({ rule: rule.text, passed: false, actual: null, reason: 'the run has no summary' });
        else outcomes.push(evaluateThreshold(rule, run.summary));
        continue;
      }
      const baseline = rule.baseline === 'production' ? await this.#productionBaseline(run) : await this.#store.db.selectFrom('eval_runs').selectAll().where('id', '=', rule.baseline.runId).executeTakeFirst();
      if (!baseline) {
        outcomes.push({ rule: rule.text, passed: true, actual: null, reason: run.model ? `no completed run of ${run.model.name}'s production version on this dataset version: nothing to regress against` : 'the run names no registry model: no production baseline' });
        continue;
      }
      baselineRunId = baseline.id;
      const comparison = await this.#evals.compare(run.projectId, baseline.id, run.id, { alpha: rule.alpha });
      const regressed = comparison.metrics.filter((m) => m.direction === 'regressed');
      outcomes.push({
        rule: rule.text,
        passed: regressed.length === 0,
        actual: regressed.length,
        reason: regressed.length === 0 ? `no metric regressed significantly against run ${baseline.id} (α = ${rule.alpha})` : `regressed against run ${baseline.id}: ${regressed.map((m) => `${m.metric} ${m.difference.toFixed(4)} (p = ${m.pValue.toFixed(4)})`).join(', ')}`,
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

  /** The latest completed run of the run's model's production version on the same dataset version. */
  async #productionBaseline(run: EvalRun): Promise<EvalRunsTable | undefined> {
    if (!run.model) return undefined;
    const db = this.#store.db;
    const production = await db
      .selectFrom('model_aliases')
      .innerJoin('models', 'models.id', 'model_aliases.model_id')
      .innerJoin('model_versions', 'model_versions.id', 'model_aliases.version_id')
      .select(['model_versions.name as version_name', 'model_versions.id as version_id', 'model_versions.seq as seq'])
      .where('models.name', '=', run.model.name)
      .where('model_aliases.alias', '=', 'production')
      .executeTakeFirst();
    if (!production) return undefined;
    return db
      .selectFrom('eval_runs')
      .selectAll()
      .where('status', '=', 'completed')
      .where('dataset_version_id', '=', run.datasetVersionId)
      .where('model_name', '=', run.model.name)
      .where('model_version', 'in', [production.version_name, production.version_id, String(production.seq)])
      .where('id', '!=', run.id)
      .orderBy('finished_at', 'desc')
      .executeTakeFirst();
  }
}

function toGate(row: { id: string; name: string; description: string; dataset_name: string | null; rules_json: string; created_at: number; updated_at: number }): EvalGate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    dataset: row.dataset_name,
    rules: JSON.parse(row.rules_json) as string[],
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}
