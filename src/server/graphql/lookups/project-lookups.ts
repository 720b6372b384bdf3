// Batched reads by id within one project: one query for many ids, so a list of N items asks the
// store once for their traces, jobs or versions (the GraphQL loaders and the lineage walk use them).
// An id of another project is simply absent from the answer, as an unknown id is.
import type { DatasetVersion } from '../../../datasets/index.js';
import { parentsOf, toVersion } from '../../../datasets/dataset-repository.js';
import type { EvalRun } from '../../../evals/index.js';
import { toRun } from '../../../evals/runs/run-records.js';
import { type TraceView, toTraceView } from '../../../monitoring/traces/index.js';
import type { ModelVersionRecord } from '../../../registry/index.js';
import { toVersionRecord } from '../../../registry/registry-records.js';
import type { Db } from '../../../store/index.js';
import type { TrainingJob } from '../../../training/index.js';
import { toTrainingJob } from '../../../training/training-job-repository.js';
import type { RolloutRecord } from '../../../deployments/index.js';
import { toRolloutRecord } from '../../../deployments/rollout-records.js';

/** Ids per query: well under every engine's limit on bound parameters. */
const CHUNK = 500;

async function chunked<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await read(unique.slice(i, i + CHUNK))));
  return out;
}

export class ProjectLookups {
  readonly #db: Db;
  readonly projectId: string;

  constructor(db: Db, projectId: string) {
    this.#db = db;
    this.projectId = projectId;
  }

  async traces(ids: readonly string[]): Promise<Map<string, TraceView>> {
    const rows = await chunked(ids, (chunk) => this.#db.selectFrom('traces').selectAll().where('project_id', '=', this.projectId).where('id', 'in', chunk).execute());
    return new Map(rows.map((row) => [row.id, toTraceView(row, false)]));
  }

  async trainingJobs(ids: readonly string[]): Promise<Map<string, TrainingJob>> {
    const rows = await chunked(ids, (chunk) => this.#db.selectFrom('training_jobs').selectAll().where('project_id', '=', this.projectId).where('id', 'in', chunk).execute());
    return new Map(rows.map((row) => [row.id, toTrainingJob(row)]));
  }

  /** The job that registered each model version (its `model_version_id`), newest attempt first. */
  async trainingJobsByModelVersion(versionIds: readonly string[]): Promise<Map<string, TrainingJob>> {
    const rows = await chunked(versionIds, (chunk) =>
      this.#db.selectFrom('training_jobs').selectAll().where('project_id', '=', this.projectId).where('model_version_id', 'in', chunk).orderBy('created_at', 'desc').execute(),
    );
    const map = new Map<string, TrainingJob>();
    for (const row of rows) if (row.model_version_id && !map.has(row.model_version_id)) map.set(row.model_version_id, toTrainingJob(row));
    return map;
  }

  async datasetVersions(ids: readonly string[]): Promise<Map<string, DatasetVersion>> {
    const rows = await chunked(ids, (chunk) =>
      this.#db
        .selectFrom('dataset_versions')
        .innerJoin('datasets', 'datasets.id', 'dataset_versions.dataset_id')
        .selectAll('dataset_versions')
        .select('datasets.name as dataset_name')
        .where('datasets.project_id', '=', this.projectId)
        .where('dataset_versions.id', 'in', chunk)
        .execute(),
    );
    const parents = await parentsOf(this.#db, rows.map((r) => r.id));
    return new Map(rows.map((row) => [row.id, toVersion(row, row.dataset_name, parents.get(row.id) ?? [])]));
  }

  async modelVersions(ids: readonly string[]): Promise<Map<string, ModelVersionRecord>> {
    const rows = await chunked(ids, (chunk) =>
      this.#db
        .selectFrom('model_versions')
        .innerJoin('models', 'models.id', 'model_versions.model_id')
        .selectAll('model_versions')
        .select('models.name as model_name')
        .where('models.project_id', '=', this.projectId)
        .where('model_versions.id', 'in', chunk)
        .execute(),
    );
    const aliases = await chunked(
      rows.map((r) => r.id),
      (chunk) => this.#db.selectFrom('model_aliases').select(['version_id', 'alias']).where('version_id', 'in', chunk).orderBy('alias').execute(),
    );
    return new Map(rows.map((row) => [row.id, toVersionRecord(row, row.model_name, aliases.filter((a) => a.version_id === row.id).map((a) => a.alias))]));
  }

  async evalRuns(ids: readonly string[]): Promise<Map<string, EvalRun>> {
    const rows = await chunked(ids, (chunk) => this.#db.selectFrom('eval_runs').selectAll().where('project_id', '=', this.projectId).where('id', 'in', chunk).execute());
    return new Map(rows.map((row) => [row.id, toRun(row)]));
  }

  async rollouts(ids: readonly string[]): Promise<Map<string, RolloutRecord>> {
    const rows = await chunked(ids, (chunk) => this.#db.selectFrom('rollouts').selectAll().where('project_id', '=', this.projectId).where('id', 'in', chunk).execute());
    return new Map(rows.map((row) => [row.id, toRolloutRecord(row)]));
  }
}
