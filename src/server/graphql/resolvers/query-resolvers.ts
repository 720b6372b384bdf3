// The entry points: each one the same service call as its REST read, in the caller's project.
// Lookups of something that is not there (or is another project's) answer null, lists answer [].
import type { Dataset, DatasetVersion } from '../../../datasets/index.js';
import type { ExperimentRecord, RolloutRecord, RolloutStatus } from '../../../deployments/index.js';
import { invalid } from '../../../errors/index.js';
import type { EvalGate, EvalRun, RunStatus } from '../../../evals/index.js';
import type { Route } from '../../../gateway/index.js';
import type { TraceStatus, TraceView } from '../../../monitoring/traces/index.js';
import type { ModelRecord, ModelVersionRecord } from '../../../registry/index.js';
import type { TrainingJob, TrainingJobState } from '../../../training/index.js';
import { pageSize } from '../graphql-context.js';
import { type LineageGraphView, walkGraphLineage } from '../lineage/walk-graph-lineage.js';
import type { LineageKind, LineageWalk } from '../lineage/lineage-node.js';
import { orNull } from './or-null.js';
import type { FieldResolver, NoArgs } from './resolver-types.js';

/** The deepest lineage walk and the most nodes one query may ask for. */
export const LINEAGE_MAX_DEPTH = 10;
export const LINEAGE_MAX_NODES = 1000;

interface Page<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

interface TraceFilterInput {
  route?: string | null;
  model?: string | null;
  status?: TraceStatus | null;
  keyId?: string | null;
  from?: string | null;
  to?: string | null;
}

function epochMs(field: string, value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(`filter.${field}: expected an ISO 8601 date-time, got ${JSON.stringify(value)}`, { param: `filter.${field}` });
  return ms;
}

const orEmpty = async <T>(read: Promise<T[]>): Promise<T[]> => (await orNull(read)) ?? [];
const some = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

type Root = Record<string, never>;

export const queryResolvers = {
  Query: {
    models: ((_root, _args, c) => c.services.registry.listModels(c.projectId)) satisfies FieldResolver<Root, NoArgs, ModelRecord[]>,
    model: ((_root, args, c) => orNull(c.services.registry.getModel(c.projectId, args.name))) satisfies FieldResolver<Root, { name: string }, ModelRecord | null>,
    modelVersion: (async (_root, args, c) => (await c.lookups.modelVersions([args.id])).get(args.id) ?? null) satisfies FieldResolver<Root, { id: string }, ModelVersionRecord | null>,
    datasets: ((_root, _args, c) => c.services.datasets.list(c.projectId)) satisfies FieldResolver<Root, NoArgs, Dataset[]>,
    dataset: ((_root, args, c) => orNull(c.services.datasets.get(c.projectId, args.name))) satisfies FieldResolver<Root, { name: string }, Dataset | null>,
    datasetVersion: (async (_root, args, c) => (await c.lookups.datasetVersions([args.id])).get(args.id) ?? null) satisfies FieldResolver<Root, { id: string }, DatasetVersion | null>,
    trainingJobs: (async (_root, args, c) => {
      const page = await c.services.training.list(c.projectId, { state: some(args.state), limit: pageSize(args.first), before: some(args.after) });
      return { nodes: page.data, pageInfo: { endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null } };
    }) satisfies FieldResolver<Root, { first?: number | null; after?: string | null; state?: TrainingJobState | null }, Page<TrainingJob>>,
    trainingJob: ((_root, args, c) => orNull(c.services.training.get(c.projectId, args.id))) satisfies FieldResolver<Root, { id: string }, TrainingJob | null>,
    evalRuns: ((_root, args, c) => orEmpty(c.services.evals.listRuns(c.projectId, { status: some(args.status), target: some(args.target), dataset: some(args.dataset), limit: pageSize(args.first) }))) satisfies FieldResolver<
      Root,
      { first?: number | null; status?: RunStatus | null; target?: string | null; dataset?: string | null },
      EvalRun[]
    >,
    evalRun: ((_root, args, c) => orNull(c.services.evals.getRun(c.projectId, args.id))) satisfies FieldResolver<Root, { id: string }, EvalRun | null>,
    gates: ((_root, _args, c) => c.services.evals.gates.list(c.projectId)) satisfies FieldResolver<Root, NoArgs, EvalGate[]>,
    routes: ((_root, _args, c) => c.services.gatewayServices.routes.list(c.projectId)) satisfies FieldResolver<Root, NoArgs, Route[]>,
    route: ((_root, args, c) => c.services.gatewayServices.routes.get(c.projectId, args.name) ?? null) satisfies FieldResolver<Root, { name: string }, Route | null>,
    rollouts: (async (_root, args, c) => (await c.services.deployments.rollouts.list(c.projectId, { route: some(args.route), status: some(args.status) })).slice(0, pageSize(args.first))) satisfies FieldResolver<
      Root,
      { first?: number | null; route?: string | null; status?: RolloutStatus | null },
      RolloutRecord[]
    >,
    rollout: ((_root, args, c) => orNull(c.services.deployments.rollouts.get(c.projectId, args.id))) satisfies FieldResolver<Root, { id: string }, RolloutRecord | null>,
    experiments: (async (_root, args, c) => (await c.services.deployments.experiments.list(c.projectId, some(args.route))).slice(0, pageSize(args.first))) satisfies FieldResolver<
      Root,
      { first?: number | null; route?: string | null },
      ExperimentRecord[]
    >,
    traces: (async (_root, args, c) => {
      const f = args.filter ?? {};
      const page = await c.services.gatewayServices.traces.list(c.projectId, {
        route: some(f.route),
        model: some(f.model),
        status: some(f.status),
        keyId: some(f.keyId),
        from: epochMs('from', f.from),
        to: epochMs('to', f.to),
        cursor: some(args.after),
        limit: pageSize(args.first),
        withoutBodies: true,
      });
      return { nodes: page.data, pageInfo: { endCursor: page.nextCursor, hasNextPage: page.nextCursor !== null } };
    }) satisfies FieldResolver<Root, { filter?: TraceFilterInput | null; first?: number | null; after?: string | null }, Page<TraceView>>,
    trace: (async (_root, args, c) => {
      const { traces, traceWriter } = c.services.gatewayServices;
      // A trace written a moment ago may still be in the writer's buffer (as GET /api/traces/:id).
      if (!(await traces.exists(c.projectId, args.id))) await traceWriter.flush();
      return orNull(traces.get(c.projectId, args.id));
    }) satisfies FieldResolver<Root, { id: string }, TraceView | null>,
    lineage: ((_root, args, c) => {
      const depth = args.depth ?? 3;
      const maxNodes = args.maxNodes ?? 100;
      if (!Number.isInteger(depth) || depth < 1 || depth > LINEAGE_MAX_DEPTH) throw invalid(`depth must be 1 to ${LINEAGE_MAX_DEPTH}, got ${depth}`, { param: 'depth' });
      if (!Number.isInteger(maxNodes) || maxNodes < 1 || maxNodes > LINEAGE_MAX_NODES) throw invalid(`maxNodes must be 1 to ${LINEAGE_MAX_NODES}, got ${maxNodes}`, { param: 'maxNodes' });
      return walkGraphLineage({ kind: args.node.kind, id: args.node.id }, { direction: args.direction ?? 'BOTH', depth, maxNodes }, c);
    }) satisfies FieldResolver<Root, { node: { kind: LineageKind; id: string }; direction?: LineageWalk | null; depth?: number | null; maxNodes?: number | null }, LineageGraphView | null>,
  },
};
