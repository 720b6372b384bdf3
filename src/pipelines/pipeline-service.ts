// Pipelines: definitions, runs whose steps link to the artifacts they made, and the triggers
// (schedule, an alert firing, drift past a threshold, N new feedback items, and for a migration the
// discontinuation date of what its route calls) checked by tick(now). Each kind has its steps. Steps run in order; a failed step ends the run, a failed gate ends it as `gated`.
// The replica running a run beats a heartbeat on it; a run whose replica stopped (no beat for a
// lease) is marked `interrupted` by the next tick of any replica and retried once as a new run.
import { StewardError, invalid, notFound } from '../errors/index.js';
import { type Actor, recordAudit, systemActor } from '../governance/index.js';
import type { PipelinesTable, Store } from '../store/index.js';
import { fromJsonColumn, isUniqueViolation, newId } from '../store/index.js';
import { type MigrationSpec, type PipelineDefinition, type PipelineTriggerKind, parsePipelineDefinition } from './pipeline-definition.js';
import type { PipelineArtifact, PipelineContext, PipelineStep } from './pipeline-step.js';

/** Whether a migration is due at `now`: a one-line reason when it is. */
export type MigrationDue = (projectId: string, spec: MigrationSpec, now: number) => Promise<string | undefined>;

export interface PipelineRecord {
  id: string;
  name: string;
  definition: PipelineDefinition;
  enabled: boolean;
  lastTriggeredAt: string | null;
  createdAt: string;
}

export interface PipelineRunRecord {
  id: string;
  pipelineId: string;
  trigger: string;
  triggerDetail: string | null;
  /** The interrupted run this one retries. */
  retryOf: string | null;
  status: string;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  steps: { position: number; name: string; status: string; detail: string; artifacts: PipelineArtifact[]; startedAt: string | null; finishedAt: string | null }[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function toPipeline(row: PipelinesTable): PipelineRecord {
  return { id: row.id, name: row.name, definition: fromJsonColumn(row.definition_json, {} as PipelineDefinition), enabled: Number(row.enabled) === 1, lastTriggeredAt: iso(row.last_triggered_at), createdAt: iso(row.created_at) ?? '' };
}

export class PipelineService {
  readonly #store: Store;
  readonly #steps: readonly PipelineStep[];
  readonly #migrationSteps: readonly PipelineStep[];
  readonly #migrationDue: MigrationDue | undefined;
  readonly #running = new Map<string, Promise<void>>();
  readonly #owner: string;
  readonly #leaseMs: number;
  readonly #now: () => number;
  /** Lines steps print while a run goes (the CLI's demo shows them). */
  onProgress: (runId: string, message: string) => void = () => {};

  /**
   * `owner` names this replica on the runs it executes; a run with no heartbeat for `leaseMs`
   * (default 60 s) counts as interrupted. `now` is the clock of those two (tests).
   */
  constructor(options: { store: Store; steps: readonly PipelineStep[]; migrationSteps?: readonly PipelineStep[]; migrationDue?: MigrationDue; owner?: string; leaseMs?: number; now?: () => number }) {
    this.#store = options.store;
    this.#steps = options.steps;
    this.#migrationSteps = options.migrationSteps ?? [];
    this.#migrationDue = options.migrationDue;
    this.#owner = options.owner ?? newId('replica');
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  stepNames(kind: PipelineDefinition['kind'] = 'retraining'): string[] {
    return this.#stepsOf(kind).map((s) => s.name);
  }

  #stepsOf(kind: PipelineDefinition['kind']): readonly PipelineStep[] {
    return kind === 'migration' ? this.#migrationSteps : this.#steps;
  }

  async create(actor: Actor, input: { name: string; definition: unknown; enabled?: boolean }): Promise<PipelineRecord> {
    const definition = parsePipelineDefinition(input.definition);
    if (definition.kind === 'migration' && this.#migrationSteps.length === 0) throw invalid('migration pipelines are not available in this process');
    const now = Date.now();
    const row: PipelinesTable = { id: newId('pipe'), project_id: actor.projectId, name: input.name, definition_json: JSON.stringify(definition), enabled: input.enabled === false ? 0 : 1, last_triggered_at: null, created_at: now, updated_at: now };
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('pipelines').values(row).execute();
        await recordAudit(tx, { actor, action: 'pipelines.create', resourceType: 'pipeline', resourceId: row.id, after: { name: row.name, definition } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'ALREADY_EXISTS', message: `a pipeline named ${input.name} already exists` });
      throw error;
    }
    return toPipeline(row);
  }

  async list(projectId: string): Promise<PipelineRecord[]> {
    return (await this.#store.db.selectFrom('pipelines').selectAll().where('project_id', '=', projectId).orderBy('name').execute()).map(toPipeline);
  }

  async get(projectId: string, name: string): Promise<PipelineRecord> {
    const row = await this.#store.db.selectFrom('pipelines').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    if (!row) throw new StewardError({ code: 'PIPELINE_NOT_FOUND', message: `no pipeline ${name}` });
    return toPipeline(row);
  }

  /** Starts a run and returns at once; `done` resolves when it finishes. */
  async start(actor: Actor, name: string, trigger: PipelineTriggerKind = 'manual', triggerDetail: string | null = null, retryOf: string | null = null): Promise<{ run: PipelineRunRecord; done: Promise<void> }> {
    const pipeline = await this.get(actor.projectId, name);
    const now = Date.now();
    const runId = newId('prun');
    await this.#store.transaction(async (tx) => {
      await tx
        .insertInto('pipeline_runs')
        .values({ id: runId, project_id: actor.projectId, pipeline_id: pipeline.id, trigger, trigger_detail: triggerDetail, status: 'running', error: null, started_at: now, finished_at: null, owner: this.#owner, heartbeat_at: this.#now(), retry_of: retryOf })
        .execute();
      await tx.insertInto('pipeline_steps').values(this.#stepsOf(pipeline.definition.kind).map((s, position) => ({ run_id: runId, position, name: s.name, status: 'pending', detail: '', artifacts_json: '[]', started_at: null, finished_at: null }))).execute();
      await tx.updateTable('pipelines').set({ last_triggered_at: now }).where('id', '=', pipeline.id).execute();
      await recordAudit(tx, { actor, action: 'pipelines.run', resourceType: 'pipeline_run', resourceId: runId, after: { pipeline: name, trigger, triggerDetail } });
    });
    const beat = setInterval(() => void this.#beat(runId).catch(() => {}), Math.max(50, Math.floor(this.#leaseMs / 3)));
    beat.unref();
    const done = this.#execute(actor, runId, pipeline.definition).finally(() => {
      clearInterval(beat);
      this.#running.delete(runId);
    });
    this.#running.set(runId, done);
    return { run: await this.getRun(actor.projectId, runId), done };
  }

  async #execute(actor: Actor, runId: string, definition: PipelineDefinition): Promise<void> {
    const db = this.#store.db;
    const ctx: PipelineContext = { actor, runId, definition, say: (m) => this.onProgress(runId, m) };
    let status = 'succeeded';
    let error: string | null = null;
    for (const [position, step] of this.#stepsOf(definition.kind).entries()) {
      await db.updateTable('pipeline_steps').set({ status: 'running', started_at: Date.now() }).where('run_id', '=', runId).where('position', '=', position).execute();
      let outcome: Awaited<ReturnType<PipelineStep['run']>>;
      try {
        outcome = await step.run(ctx);
      } catch (e) {
        outcome = { status: 'failed', detail: e instanceof Error ? e.message : String(e) };
      }
      await db
        .updateTable('pipeline_steps')
        .set({ status: outcome.status, detail: outcome.detail, artifacts_json: JSON.stringify(outcome.artifacts ?? []), finished_at: Date.now() })
        .where('run_id', '=', runId)
        .where('position', '=', position)
        .execute();
      if (outcome.status === 'failed') {
        status = 'failed';
        error = `${step.name}: ${outcome.detail}`;
        break;
      }
      if (step.name === 'evaluate' && ctx.gatePassed === false) status = 'gated';
    }
    await db.updateTable('pipeline_steps').set({ status: 'skipped', detail: 'not reached' }).where('run_id', '=', runId).where('status', '=', 'pending').execute();
    await db.updateTable('pipeline_runs').set({ status, error, finished_at: Date.now() }).where('id', '=', runId).execute();
    this.onProgress(runId, `run ${status}${error ? ` (${error})` : ''}`);
  }

  async #beat(runId: string): Promise<void> {
    await this.#store.db.updateTable('pipeline_runs').set({ heartbeat_at: this.#now() }).where('id', '=', runId).where('owner', '=', this.#owner).where('status', '=', 'running').execute();
  }

  /**
   * Marks `interrupted` every run left `running` by a replica that stopped (no heartbeat for a
   * lease, and not running here), and starts each again once — a retry is not retried. Returns the
   * interrupted runs and their retries.
   */
  async recoverInterrupted(now = this.#now()): Promise<{ interrupted: string; retry: string | null }[]> {
    const db = this.#store.db;
    const stale = await db
      .selectFrom('pipeline_runs')
      .innerJoin('pipelines', 'pipelines.id', 'pipeline_runs.pipeline_id')
      .select(['pipeline_runs.id', 'pipeline_runs.project_id', 'pipeline_runs.trigger', 'pipeline_runs.owner', 'pipeline_runs.heartbeat_at', 'pipeline_runs.started_at', 'pipeline_runs.retry_of', 'pipelines.name'])
      .where('pipeline_runs.status', '=', 'running')
      .execute();
    const recovered: { interrupted: string; retry: string | null }[] = [];
    for (const run of stale) {
      if (this.#running.has(run.id)) continue;
      const lastBeat = Number(run.heartbeat_at ?? run.started_at);
      if (now - lastBeat < this.#leaseMs) continue;
      const error = `interrupted: ${run.owner ? `replica ${run.owner}` : 'the replica running it'} stopped (last heartbeat ${new Date(lastBeat).toISOString()})`;
      // Claimed with what was read: a replica that beat meanwhile, or another recovering it, wins.
      let claim = db.updateTable('pipeline_runs').set({ status: 'interrupted', error, finished_at: now }).where('id', '=', run.id).where('status', '=', 'running');
      claim = run.heartbeat_at === null ? claim.where('heartbeat_at', 'is', null) : claim.where('heartbeat_at', '=', run.heartbeat_at);
      if (Number((await claim.executeTakeFirst()).numUpdatedRows) !== 1) continue;
      await db.updateTable('pipeline_steps').set({ status: 'interrupted', detail: 'the replica running it stopped', finished_at: now }).where('run_id', '=', run.id).where('status', '=', 'running').execute();
      await db.updateTable('pipeline_steps').set({ status: 'skipped', detail: 'not reached' }).where('run_id', '=', run.id).where('status', '=', 'pending').execute();
      let retry: string | null = null;
      if (run.retry_of === null) {
        const started = await this.start(systemActor(run.project_id), run.name, run.trigger as PipelineTriggerKind, `retry of ${run.id} (interrupted)`, run.id);
        retry = started.run.id;
      }
      this.onProgress(run.id, `run interrupted${retry ? `; retried as ${retry}` : '; a retry is not retried'}`);
      recovered.push({ interrupted: run.id, retry });
    }
    return recovered;
  }

  async getRun(projectId: string, runId: string): Promise<PipelineRunRecord> {
    const run = await this.#store.db.selectFrom('pipeline_runs').selectAll().where('id', '=', runId).where('project_id', '=', projectId).executeTakeFirst();
    if (!run) throw notFound(`pipeline run ${runId}`);
    const steps = await this.#store.db.selectFrom('pipeline_steps').selectAll().where('run_id', '=', runId).orderBy('position').execute();
    return {
      id: run.id,
      pipelineId: run.pipeline_id,
      trigger: run.trigger,
      triggerDetail: run.trigger_detail,
      retryOf: run.retry_of,
      status: run.status,
      error: run.error,
      startedAt: iso(run.started_at) ?? '',
      finishedAt: iso(run.finished_at),
      steps: steps.map((s) => ({ position: Number(s.position), name: s.name, status: s.status, detail: s.detail, artifacts: fromJsonColumn<PipelineArtifact[]>(s.artifacts_json, []), startedAt: iso(s.started_at), finishedAt: iso(s.finished_at) })),
    };
  }

  async listRuns(projectId: string, name: string): Promise<PipelineRunRecord[]> {
    const pipeline = await this.get(projectId, name);
    const runs = await this.#store.db.selectFrom('pipeline_runs').select('id').where('pipeline_id', '=', pipeline.id).orderBy('started_at', 'desc').limit(50).execute();
    return Promise.all(runs.map((r) => this.getRun(projectId, r.id)));
  }

  /** Starts the runs whose trigger condition holds at `now`; returns their ids. */
  async tick(now = Date.now()): Promise<string[]> {
    // Runs a stopped replica left `running` first: they would hold their pipeline busy for ever.
    const started: string[] = (await this.recoverInterrupted()).flatMap((r) => (r.retry ? [r.retry] : []));
    const rows = await this.#store.db.selectFrom('pipelines').selectAll().where('enabled', '=', 1).execute();
    for (const row of rows) {
      const p = toPipeline(row);
      const busy = await this.#store.db.selectFrom('pipeline_runs').select('id').where('pipeline_id', '=', p.id).where('status', '=', 'running').executeTakeFirst();
      if (busy) continue;
      const since = Number(row.last_triggered_at ?? row.created_at);
      const reason = (await this.#discontinuation(row, p.definition, now)) ?? (await this.#triggered(row.project_id, p.definition, since, now));
      if (!reason) continue;
      const { run } = await this.start(systemActor(row.project_id), p.name, reason.kind, reason.detail);
      started.push(run.id);
    }
    return started;
  }

  /** A migration is due when what its route calls nears its discontinuation date; after an attempt it waits `retryHours`. */
  async #discontinuation(row: PipelinesTable, d: PipelineDefinition, now: number): Promise<{ kind: PipelineTriggerKind; detail: string } | undefined> {
    if (d.kind !== 'migration' || !d.migration || !this.#migrationDue) return undefined;
    if (row.last_triggered_at !== null && now - Number(row.last_triggered_at) < d.migration.retryHours * 3_600_000) return undefined;
    const detail = await this.#migrationDue(row.project_id, d.migration, now);
    return detail ? { kind: 'discontinuation', detail } : undefined;
  }

  async #triggered(projectId: string, d: PipelineDefinition, since: number, now: number): Promise<{ kind: PipelineTriggerKind; detail: string } | undefined> {
    const t = d.triggers;
    const db = this.#store.db;
    if (t.scheduleSeconds && now - since >= t.scheduleSeconds * 1000) return { kind: 'schedule', detail: `every ${t.scheduleSeconds}s` };
    if (t.alertRuleId) {
      const fired = await db.selectFrom('alert_events').select(['id', 'description']).where('rule_id', '=', t.alertRuleId).where('kind', '=', 'firing').where('at', '>', since).executeTakeFirst();
      if (fired) return { kind: 'alert', detail: `alert ${t.alertRuleId} fired: ${fired.description}` };
    }
    if (t.driftMetric && t.driftThreshold !== undefined) {
      const point = await db.selectFrom('metric_points').select(['value']).where('project_id', '=', projectId).where('metric', '=', t.driftMetric).where('at', '>', since).where('value', '>', t.driftThreshold).executeTakeFirst();
      if (point) return { kind: 'drift', detail: `${t.driftMetric} = ${point.value} > ${t.driftThreshold}` };
    }
    if (t.feedbackCount) {
      const count = await db.selectFrom('feedback').innerJoin('traces', 'traces.id', 'feedback.trace_id').select((eb) => eb.fn.countAll().as('n')).where('traces.project_id', '=', projectId).where('feedback.created_at', '>', since).executeTakeFirstOrThrow();
      if (Number(count.n) >= t.feedbackCount) return { kind: 'feedback', detail: `${count.n} new feedback items` };
    }
    return undefined;
  }

  /** Waits for runs in flight (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#running.values()]);
  }
}
