// Reading and writing training jobs and their events in the store: row mapping, atomic claims
// and lease renewal, so that one replica runs a job at a time.
import type { Db, Store, TrainingJobsTable } from '../store/index.js';
import { fromJsonColumn, toJsonColumn } from '../store/index.js';
import { notFound } from '../errors/index.js';
import type { TrainingHyperParameters } from './training-hyper-parameters.js';
import type { TrainingJob, TrainingJobEvent, TrainingJobState, TrainingMethod, TrainingOutput } from './training-job.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

export function toTrainingJob(row: TrainingJobsTable): TrainingJob {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    backend: row.backend,
    method: row.method as TrainingMethod,
    baseModel: row.base_model,
    outputModel: row.output_model,
    datasetVersionId: row.dataset_version_id,
    hyperParameters: fromJsonColumn<TrainingHyperParameters>(row.hyper_json, {} as TrainingHyperParameters),
    backendConfig: fromJsonColumn<Record<string, unknown>>(row.backend_config_json, {}),
    state: row.state as TrainingJobState,
    attempt: Number(row.attempt),
    progress: Number(row.progress),
    step: Number(row.step),
    totalSteps: Number(row.total_steps),
    etaSeconds: row.state === 'running' && row.eta_ms !== null ? Math.round(Number(row.eta_ms) / 1000) : null,
    lastLoss: row.last_loss === null ? null : Number(row.last_loss),
    error: row.error,
    output: fromJsonColumn<TrainingOutput | null>(row.output_json, null),
    modelVersionId: row.model_version_id,
    cancelRequested: Number(row.cancel_requested) === 1,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) ?? '',
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export interface NewJobEvent {
  kind: 'log' | 'metric';
  level?: string;
  message: string;
  step?: number | null;
  loss?: number | null;
  data?: unknown;
  at?: number;
}

export class TrainingJobRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async getRow(id: string, db: Db = this.#store.db): Promise<TrainingJobsTable> {
    const row = await db.selectFrom('training_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`training job ${id}`);
    return row;
  }

  /** Moves a queued job to running for `owner`; false if someone else took it or it is no longer queued. */
  async claim(id: string, owner: string, leaseMs: number, now = Date.now()): Promise<boolean> {
    const result = await this.#store.db
      .updateTable('training_jobs')
      .set({ state: 'running', lease_owner: owner, lease_until: now + leaseMs, started_at: now, updated_at: now, error: null })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Extends the lease while the job runs; returns false when the job was taken away (cancelled, failed by recovery). */
  async renew(id: string, owner: string, leaseMs: number, now = Date.now()): Promise<{ held: boolean; cancelRequested: boolean }> {
    const result = await this.#store.db
      .updateTable('training_jobs')
      .set({ lease_until: now + leaseMs })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .executeTakeFirst();
    const row = await this.#store.db.selectFrom('training_jobs').select(['cancel_requested']).where('id', '=', id).executeTakeFirst();
    return { held: Number(result.numUpdatedRows) === 1, cancelRequested: Number(row?.cancel_requested ?? 0) === 1 };
  }

  async updateProgress(id: string, owner: string, fields: Partial<Pick<TrainingJobsTable, 'progress' | 'step' | 'total_steps' | 'eta_ms' | 'last_loss' | 'checkpoint_json'>>): Promise<void> {
    await this.#store.db
      .updateTable('training_jobs')
      .set({ ...fields, updated_at: Date.now() })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .execute();
  }

  /** Appends events with consecutive sequence numbers; `db` is the caller's transaction. */
  async appendEvents(db: Db, jobId: string, events: readonly NewJobEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One job's events have several writers at once (the runner's flushes, a cancel, recovery on
    // another replica). Under PostgreSQL's read committed they would all read the same max(seq)
    // and all but one fail on the primary key: the job's row lock makes them take turns, held to
    // the end of the transaction (SQLite transactions are serial already).
    if (this.#store.engine === 'postgres') await db.selectFrom('training_jobs').select('id').where('id', '=', jobId).forUpdate().execute();
    const last = await db.selectFrom('training_job_events').select((eb) => eb.fn.max('seq').as('seq')).where('job_id', '=', jobId).executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    await db
      .insertInto('training_job_events')
      .values(
        events.map((e) => ({
          job_id: jobId,
          seq: ++seq,
          at: e.at ?? Date.now(),
          kind: e.kind,
          level: e.level ?? 'info',
          message: e.message,
          step: e.step ?? null,
          loss: e.loss ?? null,
          data_json: toJsonColumn(e.data),
        })),
      )
      .execute();
  }

  async events(jobId: string, options: { kind?: 'log' | 'metric'; afterSeq?: number; limit?: number }): Promise<TrainingJobEvent[]> {
    let q = this.#store.db.selectFrom('training_job_events').selectAll().where('job_id', '=', jobId).orderBy('seq', 'asc').limit(options.limit ?? 1000);
    if (options.kind) q = q.where('kind', '=', options.kind);
    if (options.afterSeq !== undefined) q = q.where('seq', '>', options.afterSeq);
    const rows = await q.execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: new Date(Number(r.at)).toISOString(),
      kind: r.kind as 'log' | 'metric',
      level: r.level,
      message: r.message,
      step: r.step === null ? null : Number(r.step),
      loss: r.loss === null ? null : Number(r.loss),
      data: fromJsonColumn(r.data_json, null),
    }));
  }
}
