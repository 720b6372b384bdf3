// Training jobs as the API and the CLI see them: submit (validated up front), list, get, logs and
// loss curve, cancel, retry; and the background side — the queue consumer and the recovery of jobs
// a crashed or restarted replica left behind.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetItem, parseDatasetItem } from '../datasets/dataset-item.js';
import { StewardError, conflict, invalid } from '../errors/index.js';
import { type Actor, type SecretService, recordAudit, roleAllows } from '../governance/index.js';
import type { ChangeFeed, Store, TrainingJobsTable } from '../store/index.js';
import { newId, toJsonColumn } from '../store/index.js';
import type { TrainingBackend } from './backends/training-backend.js';
import type { JobQueue } from './queue/job-queue.js';
import { checkItemsForMethod } from './training-data-file.js';
import { parseHyperParameters } from './training-hyper-parameters.js';
import { TrainingJobRepository, toTrainingJob } from './training-job-repository.js';
import { TrainingJobRunner } from './training-job-runner.js';
import { TRAINING_METHODS, type TrainingJob, type TrainingJobEvent, type TrainingJobState, type TrainingMethod, isFinished } from './training-job.js';
import type { CandidateRegistrar, TrainingDataSource } from './training-ports.js';
import { PeriodicTask } from '../scheduling/index.js';

export const TRAINING_CANCEL_TOPIC = 'training.cancel';

export interface CreateTrainingJobInput {
  name?: string;
  backend: string;
  method: TrainingMethod;
  baseModel: string;
  outputModel: string;
  datasetVersionId?: string;
  /** Items given inline instead of a dataset version (small jobs). */
  items?: unknown[];
  hyperParameters?: unknown;
  backendConfig?: unknown;
}

export interface TrainingServiceOptions {
  store: Store;
  feed: ChangeFeed;
  secrets: SecretService;
  queue: JobQueue;
  backends: ReadonlyMap<string, TrainingBackend>;
  /** Root directory of job artifacts. */
  root: string;
  /** How long a running job's claim lasts without renewal. Default 30 s. */
  leaseMs?: number;
  dataSource?: TrainingDataSource;
  registrar?: CandidateRegistrar;
}

/** Backends that run code or reach networks chosen by the caller need an admin key. */
const ADMIN_ONLY_BACKENDS = new Set(['command']);

export class TrainingService {
  readonly #o: TrainingServiceOptions;
  readonly #repository: TrainingJobRepository;
  readonly #runner: TrainingJobRunner;
  readonly #waiters = new Map<string, (() => void)[]>();
  readonly #owner = `replica-${randomBytes(6).toString('hex')}`;
  #unsubscribe: (() => void) | undefined;
  #started = false;
  #recovery: PeriodicTask | undefined;

  constructor(options: TrainingServiceOptions) {
    this.#o = options;
    this.#repository = new TrainingJobRepository(options.store);
    this.#runner = new TrainingJobRunner({
      store: options.store,
      repository: this.#repository,
      backends: options.backends,
      secrets: options.secrets,
      root: options.root,
      owner: this.#owner,
      leaseMs: options.leaseMs ?? 30_000,
      dataSource: options.dataSource,
      registrar: options.registrar,
      onFinished: (jobId) => this.#notify(jobId),
    });
  }

  /** Wires the dataset service and the registry once they exist (they may be built after training). */
  connect(ports: { dataSource?: TrainingDataSource; registrar?: CandidateRegistrar }): void {
    if (ports.dataSource) this.#o.dataSource = ports.dataSource;
    if (ports.registrar) this.#o.registrar = ports.registrar;
    this.#runner.connect(ports);
  }

  backendNames(): string[] {
    return [...this.#o.backends.keys()];
  }

  /** Recovers abandoned jobs, re-enqueues queued ones and starts consuming the queue. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#unsubscribe = this.#o.feed.subscribe(TRAINING_CANCEL_TOPIC, (event) => {
      if (event.id) this.#runner.abort(event.id);
    });
    await this.recover();
    this.#o.queue.start((jobId) => this.#runner.run(jobId));
    const queued = await this.#o.store.db.selectFrom('training_jobs').select('id').where('state', '=', 'queued').orderBy('created_at').execute();
    for (const { id } of queued) await this.#o.queue.enqueue(id);
    // A replica that dies mid-job is noticed by the others when its lease runs out, not only at the next start.
    this.#recovery = new PeriodicTask({ intervalMs: this.#o.leaseMs ?? 30_000, run: () => this.recover() });
    this.#recovery.start();
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    await this.#recovery?.stop();
    this.#runner.abortAll('shutdown');
    await this.#o.queue.close();
  }

  /**
   * Jobs left `running` by a replica that died (lease expired): resumed from their checkpoint when
   * the backend can, failed cleanly otherwise; their half-written attempt directories are removed.
   */
  async recover(now = Date.now()): Promise<{ failed: string[]; requeued: string[] }> {
    const stale = await this.#o.store.db.selectFrom('training_jobs').selectAll().where('state', '=', 'running').where('lease_until', '<', now).execute();
    const failed: string[] = [];
    const requeued: string[] = [];
    for (const row of stale) {
      await rm(join(this.#o.root, row.id, `attempt-${row.attempt}.tmp`), { recursive: true, force: true });
      const resumable = this.#o.backends.get(row.backend)?.resumable === true && row.checkpoint_json !== null;
      const update = this.#o.store.db.updateTable('training_jobs').where('id', '=', row.id).where('state', '=', 'running').where('lease_until', '<', now);
      const result = resumable
        ? await update.set({ state: 'queued', attempt: Number(row.attempt) + 1, lease_owner: null, lease_until: null, updated_at: now }).executeTakeFirst()
        : await update
            .set({ state: 'failed', error: 'the process running this job stopped before it finished (no checkpoint to resume from); retry it', finished_at: now, updated_at: now, lease_owner: null, lease_until: null, eta_ms: null })
            .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      await this.#o.store.transaction((tx) =>
        this.#repository.appendEvents(tx, row.id, [{ kind: 'log', level: resumable ? 'warn' : 'error', message: resumable ? 'replica lost; resuming from the last checkpoint' : 'replica lost mid-job; marked failed' }]),
      );
      (resumable ? requeued : failed).push(row.id);
      // Back on the queue at once: whichever replica takes it resumes from the checkpoint.
      if (resumable) await this.#o.queue.enqueue(row.id);
    }
    return { failed, requeued };
  }

  async create(actor: Actor, input: CreateTrainingJobInput): Promise<TrainingJob> {
    const backend = this.#o.backends.get(input.backend);
    if (!backend) throw new StewardError({ code: 'TRAINING_BACKEND_NOT_FOUND', message: `no training backend ${input.backend}; known: ${this.backendNames().join(', ')}` });
    if (ADMIN_ONLY_BACKENDS.has(backend.name) && !roleAllows(actor.role, 'admin')) {
      throw new StewardError({ code: 'FORBIDDEN', message: `the ${backend.name} backend runs a command on the server: it needs an admin key` });
    }
    if (!TRAINING_METHODS.includes(input.method)) throw invalid(`method must be one of ${TRAINING_METHODS.join(', ')}`);
    if (!backend.methods.includes(input.method)) throw invalid(`the ${backend.name} backend cannot run ${input.method} jobs (it runs ${backend.methods.join(', ')})`);
    const hyper = parseHyperParameters(input.hyperParameters);
    const config = backend.parseConfig(input.backendConfig ?? {});
    if (input.items !== undefined && input.datasetVersionId !== undefined) throw invalid('give either datasetVersionId or items, not both');
    // Names are checked now, not when the job runs: a job that can only fail is never queued.
    backend.checkBaseModel?.(input.baseModel);
    if (input.datasetVersionId !== undefined && this.#o.dataSource?.resolveVersion) input = { ...input, datasetVersionId: await this.#o.dataSource.resolveVersion(actor.projectId, input.datasetVersionId) };
    let items: DatasetItem[] | undefined;
    if (input.items !== undefined) {
      items = input.items.map((item, index) => {
        try {
          return parseDatasetItem(item);
        } catch (error) {
          throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: `item ${index}: ${(error as Error).message}`, details: { index } });
        }
      });
      checkItemsForMethod(input.method, items);
    } else if (input.datasetVersionId === undefined && input.method !== 'quantize') throw invalid('a training job needs datasetVersionId or items');
    const now = Date.now();
    const row: TrainingJobsTable = {
      id: newId('ftjob'),
      project_id: actor.projectId,
      name: input.name ?? `${input.method}-${input.outputModel}`,
      backend: backend.name,
      method: input.method,
      base_model: input.baseModel,
      output_model: input.outputModel,
      dataset_version_id: input.datasetVersionId ?? null,
      inline_items_json: items ? toJsonColumn(items) : null,
      hyper_json: JSON.stringify(hyper),
      backend_config_json: JSON.stringify(config),
      state: 'queued',
      attempt: 1,
      progress: 0,
      step: 0,
      total_steps: 0,
      eta_ms: null,
      last_loss: null,
      error: null,
      output_json: null,
      checkpoint_json: null,
      model_version_id: null,
      cancel_requested: 0,
      created_by: actor.id,
      created_at: now,
      started_at: null,
      finished_at: null,
      updated_at: now,
      lease_owner: null,
      lease_until: null,
    };
    await this.#o.store.transaction(async (tx) => {
      await tx.insertInto('training_jobs').values(row).execute();
      await this.#repository.appendEvents(tx, row.id, [{ kind: 'log', message: `queued by ${actor.name}` }]);
      await recordAudit(tx, { actor, action: 'training.create', resourceType: 'training_job', resourceId: row.id, after: { backend: row.backend, method: row.method, baseModel: row.base_model, outputModel: row.output_model, hyperParameters: hyper } });
    });
    await this.#o.queue.enqueue(row.id);
    return toTrainingJob(row);
  }

  async get(projectId: string, id: string): Promise<TrainingJob> {
    const row = await this.#repository.getRow(id);
    if (row.project_id !== projectId) throw new StewardError({ code: 'NOT_FOUND', message: `training job ${id} not found` });
    return toTrainingJob(row);
  }

  async list(projectId: string, query: { state?: TrainingJobState; limit?: number; before?: string } = {}): Promise<{ data: TrainingJob[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    let q = this.#o.store.db.selectFrom('training_jobs').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(limit + 1);
    if (query.state) q = q.where('state', '=', query.state);
    if (query.before) q = q.where('id', '<', query.before);
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    return { data: page.map(toTrainingJob), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  async events(projectId: string, id: string, query: { kind?: 'log' | 'metric'; afterSeq?: number; limit?: number }): Promise<TrainingJobEvent[]> {
    await this.get(projectId, id);
    return this.#repository.events(id, query);
  }

  async lossCurve(projectId: string, id: string): Promise<{ step: number; loss: number; at: string }[]> {
    const events = await this.events(projectId, id, { kind: 'metric', limit: 100_000 });
    return events.filter((e) => e.loss !== null && e.step !== null).map((e) => ({ step: e.step as number, loss: e.loss as number, at: e.at }));
  }

  /** Cancels a queued job at once, or asks the replica running it to stop (it records `cancelled`). */
  async cancel(actor: Actor, id: string): Promise<TrainingJob> {
    const before = await this.get(actor.projectId, id);
    if (isFinished(before.state)) throw conflict(`training job ${id} is already ${before.state}`);
    const now = Date.now();
    await this.#o.store.transaction(async (tx) => {
      await tx
        .updateTable('training_jobs')
        .set((eb) => ({ cancel_requested: 1, updated_at: now, state: eb.case().when('state', '=', 'queued').then('cancelled').else(eb.ref('state')).end(), finished_at: eb.case().when('state', '=', 'queued').then(now).else(eb.ref('finished_at')).end() }))
        .where('id', '=', id)
        .execute();
      await this.#repository.appendEvents(tx, id, [{ kind: 'log', level: 'warn', message: `cancel requested by ${actor.name}` }]);
      await recordAudit(tx, { actor, action: 'training.cancel', resourceType: 'training_job', resourceId: id, before: { state: before.state } });
    });
    if (before.state === 'queued') this.#notify(id);
    else if (!this.#runner.abort(id)) await this.#o.feed.publish({ topic: TRAINING_CANCEL_TOPIC, id });
    return this.get(actor.projectId, id);
  }

  /** Runs a failed or cancelled job again as a new attempt (a succeeded job is never re-run). */
  async retry(actor: Actor, id: string): Promise<TrainingJob> {
    const before = await this.get(actor.projectId, id);
    if (before.state !== 'failed' && before.state !== 'cancelled') throw conflict(`only failed or cancelled jobs can be retried; ${id} is ${before.state}`);
    const now = Date.now();
    await this.#o.store.transaction(async (tx) => {
      await tx
        .updateTable('training_jobs')
        .set({ state: 'queued', attempt: before.attempt + 1, cancel_requested: 0, error: null, progress: 0, step: 0, eta_ms: null, finished_at: null, checkpoint_json: null, updated_at: now })
        .where('id', '=', id)
        .execute();
      await this.#repository.appendEvents(tx, id, [{ kind: 'log', message: `retried by ${actor.name} (attempt ${before.attempt + 1})` }]);
      await recordAudit(tx, { actor, action: 'training.retry', resourceType: 'training_job', resourceId: id, before: { state: before.state, attempt: before.attempt } });
    });
    await this.#o.queue.enqueue(id);
    return this.get(actor.projectId, id);
  }

  /** Resolves once the job reaches a final state (or `timeoutMs` passes: then it rejects). */
  async waitFor(projectId: string, id: string, timeoutMs = 60_000): Promise<TrainingJob> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.get(projectId, id);
      if (isFinished(job.state)) return job;
      const left = deadline - Date.now();
      if (left <= 0) throw new StewardError({ code: 'NOT_READY', message: `training job ${id} is still ${job.state}` });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 500));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        const list = this.#waiters.get(id) ?? [];
        list.push(done);
        this.#waiters.set(id, list);
      });
    }
  }

  #notify(jobId: string): void {
    const list = this.#waiters.get(jobId);
    this.#waiters.delete(jobId);
    for (const wake of list ?? []) wake();
  }
}
