// A training job's dataset version and the model version it registered, batched over a list of jobs.
import type { DatasetVersion } from '../../../datasets/index.js';
import type { ModelVersionRecord } from '../../../registry/index.js';
import type { TrainingJob } from '../../../training/index.js';
import type { BatchLoader, NoArgs } from './resolver-types.js';

export const trainingLoaders = {
  TrainingJob: {
    datasetVersion: (async (queries, context) => {
      const found = await context.lookups.datasetVersions(queries.map((q) => q.obj.datasetVersionId).filter((id): id is string => id !== null));
      return queries.map((q) => (q.obj.datasetVersionId ? (found.get(q.obj.datasetVersionId) ?? null) : null));
    }) satisfies BatchLoader<TrainingJob, NoArgs, DatasetVersion | null>,
    modelVersion: (async (queries, context) => {
      const found = await context.lookups.modelVersions(queries.map((q) => q.obj.modelVersionId).filter((id): id is string => id !== null));
      return queries.map((q) => (q.obj.modelVersionId ? (found.get(q.obj.modelVersionId) ?? null) : null));
    }) satisfies BatchLoader<TrainingJob, NoArgs, ModelVersionRecord | null>,
  },
};
