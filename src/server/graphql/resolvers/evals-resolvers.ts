// Evaluation runs: results through the eval service, gate results through the gate service, and
// the run's dataset version and model version through batched lookups.
import type { DatasetVersion } from '../../../datasets/index.js';
import type { EvalRun, GateEvaluation, ItemResult } from '../../../evals/index.js';
import type { ModelVersionRecord } from '../../../registry/index.js';
import { pageSize } from '../graphql-context.js';
import type { BatchLoader, FieldResolver, NoArgs } from './resolver-types.js';

export const evalsResolvers = {
  EvalRun: {
    results: ((run, args, context) => context.services.evals.results(context.projectId, run.id, { after: args.after ?? undefined, limit: pageSize(args.first), errorsOnly: args.errorsOnly ?? false })) satisfies FieldResolver<
      EvalRun,
      { first?: number | null; after?: number | null; errorsOnly?: boolean | null },
      ItemResult[]
    >,
  },
};

export const evalsLoaders = {
  EvalRun: {
    datasetVersion: (async (queries, context) => {
      const found = await context.lookups.datasetVersions(queries.map((q) => q.obj.datasetVersionId));
      return queries.map((q) => found.get(q.obj.datasetVersionId) ?? null);
    }) satisfies BatchLoader<EvalRun, NoArgs, DatasetVersion | null>,
    modelVersion: (async (queries, context) => {
      const runs = queries.map((q) => q.obj);
      const names = [...new Set(runs.flatMap((r) => (r.model ? [r.model.name] : [])))];
      if (names.length === 0) return runs.map(() => null);
      const rows = await context.services.store.db
        .selectFrom('model_versions')
        .innerJoin('models', 'models.id', 'model_versions.model_id')
        .select(['model_versions.id', 'model_versions.name', 'model_versions.seq', 'models.name as model'])
        .where('models.project_id', '=', context.projectId)
        .where('models.name', 'in', names)
        .execute();
      const idOf = (run: EvalRun) => (run.model ? rows.find((r) => r.model === run.model?.name && [r.name, r.id, String(r.seq)].includes(run.model.version))?.id : undefined);
      const found = await context.lookups.modelVersions(runs.map(idOf).filter((id): id is string => id !== undefined));
      return runs.map((run) => found.get(idOf(run) ?? '') ?? null);
    }) satisfies BatchLoader<EvalRun, NoArgs, ModelVersionRecord | null>,
    // One read per run through the gate service (its stored evaluations), all at once.
    gateResults: (async (queries, context) => Promise.all(queries.map((q) => context.services.evals.gates.results(context.projectId, q.obj.id)))) satisfies BatchLoader<EvalRun, NoArgs, GateEvaluation[]>,
  },
};
