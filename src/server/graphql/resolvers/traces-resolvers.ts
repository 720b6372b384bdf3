// Traces: the answering model version through a batched lookup, feedback through the feedback service.
import type { Feedback } from '../../../feedback/index.js';
import type { TraceView } from '../../../monitoring/traces/index.js';
import type { ModelVersionRecord } from '../../../registry/index.js';
import type { BatchLoader, NoArgs } from './resolver-types.js';

export const tracesLoaders = {
  Trace: {
    modelVersion: (async (queries, context) => {
      const found = await context.lookups.modelVersions(queries.map((q) => q.obj.versionId).filter((id): id is string => id !== null));
      return queries.map((q) => (q.obj.versionId ? (found.get(q.obj.versionId) ?? null) : null));
    }) satisfies BatchLoader<TraceView, NoArgs, ModelVersionRecord | null>,
    feedback: (async (queries, context) => Promise.all(queries.map((q) => context.services.gatewayServices.feedback.forTrace(context.projectId, q.obj.id)))) satisfies BatchLoader<TraceView, NoArgs, Feedback[]>,
  },
};
