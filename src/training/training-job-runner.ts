// Runs one attempt of one job on this replica: claims it, keeps its lease, feeds the backend,
// records logs and the loss curve, and finishes it exactly once — artifact renamed into place,
// candidate registered, state set — or cleans up after a failure or a cancel.
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetItem } from '../datasets/dataset-item.js';
import { StewardError } from '../errors/index.js';
import { type SecretService, recordAudit, systemActor } from '../governance/index.js';
import type { Store } from '../store/index.js';
import { fromJsonColumn, toJsonColumn } from '../store/index.js';
import type { TrainingBackend, TrainingLogLevel, TrainingProgress } from './backends/training-backend.js';
import { digestDirectory } from './artifact-digest.js';
import { checkItemsForMethod, writeTrainingFile } from './training-data-file.js';
import type { TrainingHyperParameters } from './training-hyper-parameters.js';
import type { NewJobEvent, TrainingJobRepository } from './training-job-repository.js';
import type { TrainingMethod, TrainingOutput } from './training-job.js';
import type { CandidateRegistrar, TrainingDataSource } from './training-ports.js';

export interface TrainingRunnerOptions {
  store: Store;
  repository: TrainingJobRepository;
  backends: ReadonlyMap<string, TrainingBackend>;
  secrets: SecretService;
  /** Root of job directories: `<root>/<jobId>/artifact` holds a finished artifact. */
  root: string;
  owner: string;
  leaseMs: number;
  dataSource?: TrainingDataSource;
  registrar?: CandidateRegistrar;
  /** Called after a job reaches a final state (pipelines wait on this). */
  onFinished?: (jobId: string) => void;
}

const FLUSH_MS = 250;

export class TrainingJobRunner {
  readonly #o: TrainingRunnerOptions;
  readonly #active = new Map<string, AbortController>();

  constructor(options: TrainingRunnerOptions) {
    this.#o = options;
  }

  connect(ports: { dataSource?: TrainingDataSource; registrar?: CandidateRegistrar }): void {
    if (ports.dataSource) this.#o.dataSource = ports.dataSource;
    if (ports.registrar) this.#o.registrar = ports.registrar;
  }

  /** Aborts every running attempt (shutdown); their handlers record the outcome. */
  abortAll(reason: 'shutdown'): void {
    for (const controller of this.#active.values()) controller.abort(reason);
  }

  /** Aborts one attempt running here (cancel); false if it is not running on this replica. */
  abort(jobId: string): boolean {
    const controller = this.#active.get(jobId);
    controller?.abort('cancelled');
    return controller !== undefined;
  }

  async run(jobId: string): Promise<void> {
    const { repository, leaseMs, owner } = this.#o;
    if (!(await repository.claim(jobId, owner, leaseMs))) return;
    const row = await repository.getRow(jobId);
    const controller = new AbortController();
    this.#active.set(jobId, controller);
    const pending: NewJobEvent[] = [];
    let progressFields: Parameters<TrainingJobRepository['updateProgress']>[2] | undefined;
    const writePending = async () => {
      const events = pending.splice(0);
      const fields = progressFields;
      progressFields = undefined;
      if (events.length) await this.#o.store.transaction((tx) => repository.appendEvents(tx, jobId, events));
      if (fields) await repository.updateProgress(jobId, owner, fields);
    };
    // One flush at a time: the timer's flush may still be writing when the final one starts, and
    // the final one must land after it (lines in order, all of them in before the job's state).
    let flushing: Promise<void> = Promise.resolve();
    const flush = () => (flushing = flushing.then(writePending, writePending));
    const startedAt = Date.now();
    const flusher = setInterval(() => void flush().catch(() => {}), FLUSH_MS);
    const lease = setInterval(() => {
      void repository
        .renew(jobId, owner, leaseMs)
        .then(({ held, cancelRequested }) => {
          if (!held || cancelRequested) controller.abort(cancelRequested ? 'cancelled' : 'lease lost');
        })
        .catch(() => {});
    }, Math.max(50, Math.floor(leaseMs / 3)));
    const jobDir = join(this.#o.root, jobId);
    const workDir = join(jobDir, `attempt-${row.attempt}.tmp`);
    const log = (level: TrainingLogLevel, message: string) => pending.push({ kind: 'log', level, message });
    let artifactPath: string | null = null;
    try {
      const backend = this.#o.backends.get(row.backend);
      if (!backend) throw new StewardError({ code: 'TRAINING_BACKEND_NOT_FOUND', message: `no training backend ${row.backend}` });
      const method = row.method as TrainingMethod;
      const items = await this.#items(row.project_id, row.dataset_version_id, row.inline_items_json);
      checkItemsForMethod(method, items);
      await rm(workDir, { recursive: true, force: true });
      await mkdir(workDir, { recursive: true });
      const dataFile = join(jobDir, `attempt-${row.attempt}.train.jsonl`);
      await writeTrainingFile(dataFile, items);
      if (controller.signal.aborted) throw controller.signal.reason === 'cancelled' ? cancelledError() : new Error(String(controller.signal.reason));
      log('info', `attempt ${row.attempt}: ${method} on ${row.backend} from ${row.base_model}, ${items.length} items`);
      const output = await backend.train({
        jobId,
        projectId: row.project_id,
        attempt: Number(row.attempt),
        method,
        baseModel: row.base_model,
        outputModel: row.output_model,
        hyperParameters: fromJsonColumn<TrainingHyperParameters>(row.hyper_json, {} as TrainingHyperParameters),
        config: fromJsonColumn<Record<string, unknown>>(row.backend_config_json, {}),
        items,
        dataFile,
        workDir,
        checkpoint: fromJsonColumn<unknown>(row.checkpoint_json, null),
        signal: controller.signal,
        log,
        progress: (p: TrainingProgress) => {
          progressFields = progressRow(p, startedAt);
          if (p.loss !== undefined || p.metrics) pending.push({ kind: 'metric', message: 'progress', step: p.step, loss: p.loss ?? null, data: p.metrics ?? null });
        },
        saveCheckpoint: async (state: unknown) => {
          await repository.updateProgress(jobId, owner, { checkpoint_json: toJsonColumn(state) });
        },
        secret: (name: string) => this.#o.secrets.reveal(row.project_id, name),
      });
      if (controller.signal.aborted) throw controller.signal.reason === 'cancelled' ? cancelledError() : new Error(String(controller.signal.reason));
      let spec = output.spec;
      if (output.artifactPath !== null) {
        const finalPath = join(jobDir, 'artifact');
        await rm(finalPath, { recursive: true, force: true });
        await rename(workDir, finalPath);
        artifactPath = finalPath;
        const declared = (spec.artifact ?? {}) as Record<string, unknown>;
        const servedAs = backend.publish ? await backend.publish(finalPath, jobId) : finalPath;
        spec = { ...spec, artifact: { kind: 'weights', ...declared, sha256: await digestDirectory(finalPath), path: servedAs } };
      } else await rm(workDir, { recursive: true, force: true });
      const finalOutput: TrainingOutput = { ...output, artifactPath, spec };
      clearInterval(flusher);
      await flush();
      await this.#succeed(jobId, row.project_id, finalOutput, log);
    } catch (error) {
      clearInterval(flusher);
      await rm(workDir, { recursive: true, force: true }).catch(() => {});
      if (artifactPath) await rm(artifactPath, { recursive: true, force: true }).catch(() => {});
      const reason = controller.signal.aborted ? String(controller.signal.reason) : undefined;
      const message = error instanceof Error ? error.message : String(error);
      if (reason === 'shutdown') {
        log('warn', 'interrupted by shutdown');
        await flush().catch(() => {});
        await this.#interrupted(jobId);
      } else if (reason === 'lease lost') {
        // Someone else decided this job's fate (recovery on another replica): record nothing more.
      } else {
        const cancelled = reason === 'cancelled' || (StewardError.is(error) && error.code === 'TRAINING_CANCELLED');
        log(cancelled ? 'warn' : 'error', cancelled ? 'cancelled' : `failed: ${message}`);
        await flush().catch(() => {});
        await this.#finish(jobId, cancelled ? 'cancelled' : 'failed', cancelled ? null : message);
      }
    } finally {
      clearInterval(flusher);
      clearInterval(lease);
      this.#active.delete(jobId);
      this.#o.onFinished?.(jobId);
    }
  }

  async #items(projectId: string, datasetVersionId: string | null, inline: string | null): Promise<DatasetItem[]> {
    if (inline !== null) return fromJsonColumn<DatasetItem[]>(inline, []);
    if (datasetVersionId === null) return [];
    if (!this.#o.dataSource) throw new StewardError({ code: 'NOT_READY', message: 'no dataset service is wired to training; give items inline' });
    return this.#o.dataSource.loadItems(projectId, datasetVersionId);
  }

  async #succeed(jobId: string, projectId: string, output: TrainingOutput, log: (level: TrainingLogLevel, message: string) => void): Promise<void> {
    const row = await this.#o.repository.getRow(jobId);
    const actor = systemActor(projectId);
    const registrar = this.#o.registrar;
    if (!registrar) log('warn', 'no model registry is wired: the artifact is kept but not registered');
    const now = Date.now();
    const registered = await this.#o.store.transaction(async (tx) => {
      // The candidate version and the job's success are one transaction: a crash leaves either
      // both or neither, never a version whose job is still "running".
      const version = registrar
        ? await registrar.registerCandidate(tx, actor, {
            modelName: row.output_model,
            jobId,
            baseModel: row.base_model,
            spec: output.spec,
            datasetVersionIds: row.dataset_version_id ? [row.dataset_version_id] : [],
            metrics: output.metrics,
            hyperParameters: fromJsonColumn<Record<string, unknown>>(row.hyper_json, {}),
          })
        : undefined;
      const modelVersionId = version?.id ?? null;
      const updated = await tx
        .updateTable('training_jobs')
        .set({ state: 'succeeded', progress: 1, eta_ms: 0, output_json: toJsonColumn(output), model_version_id: modelVersionId, finished_at: now, updated_at: now, lease_owner: null, lease_until: null })
        .where('id', '=', jobId)
        .where('state', '=', 'running')
        .where('lease_owner', '=', this.#o.owner)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new Error('lease lost before the job could be recorded as succeeded');
      await recordAudit(tx, { actor, action: 'training.succeed', resourceType: 'training_job', resourceId: jobId, after: { modelVersionId, metrics: output.metrics } });
      return version;
    });
    if (registered) {
      await registered.afterCommit?.();
      await this.#o.store.transaction((tx) => this.#o.repository.appendEvents(tx, jobId, [{ kind: 'log', message: `registered candidate ${registered.version} of ${row.output_model}` }]));
    }
  }

  async #finish(jobId: string, state: 'failed' | 'cancelled', error: string | null): Promise<void> {
    const now = Date.now();
    await this.#o.store.db
      .updateTable('training_jobs')
      .set({ state, error, finished_at: now, updated_at: now, eta_ms: null, lease_owner: null, lease_until: null })
      .where('id', '=', jobId)
      .where('state', '=', 'running')
      .execute();
  }

  /** A shutdown mid-attempt: back to the queue if it can resume from a checkpoint, else failed. */
  async #interrupted(jobId: string): Promise<void> {
    const row = await this.#o.repository.getRow(jobId);
    const backend = this.#o.backends.get(row.backend);
    if (backend?.resumable && row.checkpoint_json !== null) {
      await this.#o.store.db
        .updateTable('training_jobs')
        .set({ state: 'queued', attempt: Number(row.attempt) + 1, lease_owner: null, lease_until: null, updated_at: Date.now() })
        .where('id', '=', jobId)
        .where('state', '=', 'running')
        .execute();
    } else await this.#finish(jobId, 'failed', 'interrupted by a shutdown before it finished; retry it');
  }
}

function cancelledError(): StewardError {
  return new StewardError({ code: 'TRAINING_CANCELLED' });
}

function progressRow(p: TrainingProgress, startedAt: number) {
  const total = Math.max(p.totalSteps, 1);
  const done = Math.min(p.step, total);
  const elapsed = Date.now() - startedAt;
  return {
    step: p.step,
    total_steps: p.totalSteps,
    progress: done / total,
    eta_ms: done > 0 ? Math.round((elapsed / done) * (total - done)) : null,
    ...(p.loss !== undefined ? { last_loss: p.loss } : {}),
  };
}
