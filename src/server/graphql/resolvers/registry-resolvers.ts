// Models and versions: fields read through the registry service; a version's training job, data
// and evaluation runs through batched lookups (one query per field for a whole list of versions).
import type { EvalRun } from '../../../evals/index.js';
import type { ModelRecord, ModelVersionRecord } from '../../../registry/index.js';
import type { TrainingJob } from '../../../training/index.js';
import type { DatasetVersion } from '../../../datasets/index.js';
import { pageSize } from '../graphql-context.js';
import type { GraphqlContext } from '../graphql-context.js';
import { orNull } from './or-null.js';
import type { BatchLoader, FieldResolver, NoArgs } from './resolver-types.js';

/** The job id a version's source names (training, distillation and quantisation jobs). */
export function sourceJobId(version: ModelVersionRecord): string | undefined {
  const source = version.source;
  return 'jobId' in source ? source.jobId : undefined;
}

/** True when a run evaluated this version (by the version it resolved to, or by naming it as target). */
export function runEvaluates(run: EvalRun, version: ModelVersionRecord): boolean {
  if (version.evalRunIds.includes(run.id)) return true;
  if (run.target === version.name) return true;
  return run.model !== null && run.model.name === version.model && [version.name, version.id, String(version.seq)].includes(run.model.version);
}

/** Runs of the given versions, newest first: linked ones by id, the rest by model name. */
export async function runsOfVersions(context: GraphqlContext, versions: readonly ModelVersionRecord[]): Promise<EvalRun[]> {
  const linked = await context.lookups.evalRuns(versions.flatMap((v) => v.evalRunIds));
  const models = [...new Set(versions.map((v) => v.model))];
  const names = [...new Set(versions.map((v) => v.name))];
  const matched = models.length === 0 ? [] : await context.services.store.db
    .selectFrom('eval_runs')
    .select('id')
    .where('project_id', '=', context.projectId)
    .where((eb) => eb.or([eb('model_name', 'in', models), eb('target', 'in', names)]))
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
  const more = await context.lookups.evalRuns(matched.map((r) => r.id).filter((id) => !linked.has(id)));
  return [...linked.values(), ...more.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export const registryResolvers = {
  Model: {
    aliases: ((model) => Object.entries(model.aliases).map(([alias, version]) => ({ alias, version }))) satisfies FieldResolver<ModelRecord, NoArgs, { alias: string; version: string }[]>,
    versions: (async (model, args, context) => (await context.services.registry.listVersions(context.projectId, model.name)).slice(0, pageSize(args.first))) satisfies FieldResolver<ModelRecord, { first?: number | null }, ModelVersionRecord[]>,
    version: ((model, args, context) => orNull(context.services.registry.getVersion(context.projectId, model.name, args.ref))) satisfies FieldResolver<ModelRecord, { ref: string }, ModelVersionRecord | null>,
  },
};

export const registryLoaders = {
  ModelVersion: {
    trainingJob: (async (queries, context) => {
      const versions = queries.map((q) => q.obj);
      const byId = await context.lookups.trainingJobs(versions.map(sourceJobId).filter((id): id is string => id !== undefined));
      const byVersion = await context.lookups.trainingJobsByModelVersion(versions.filter((v) => sourceJobId(v) === undefined).map((v) => v.id));
      return versions.map((v) => {
        const jobId = sourceJobId(v);
        return (jobId ? byId.get(jobId) : byVersion.get(v.id)) ?? null;
      });
    }) satisfies BatchLoader<ModelVersionRecord, NoArgs, TrainingJob | null>,
    datasetVersions: (async (queries, context) => {
      const found = await context.lookups.datasetVersions(queries.flatMap((q) => q.obj.datasetVersionIds));
      return queries.map((q) => q.obj.datasetVersionIds.map((id) => found.get(id)).filter((v): v is DatasetVersion => v !== undefined));
    }) satisfies BatchLoader<ModelVersionRecord, NoArgs, DatasetVersion[]>,
    evalRuns: (async (queries, context) => {
      const runs = await runsOfVersions(context, queries.map((q) => q.obj));
      return queries.map((q) => runs.filter((run) => runEvaluates(run, q.obj)).slice(0, pageSize(q.params.first, 20)));
    }) satisfies BatchLoader<ModelVersionRecord, { first?: number | null }, EvalRun[]>,
  },
};
