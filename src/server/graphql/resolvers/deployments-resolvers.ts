// Routes, their revisions, rollouts and experiments through the route and deployment services.
import type { ExperimentRecord, RolloutEvent, RolloutRecord } from '../../../deployments/index.js';
import type { Route, RouteRevision } from '../../../gateway/index.js';
import type { ModelVersionRecord } from '../../../registry/index.js';
import { pageSize } from '../graphql-context.js';
import type { BatchLoader, FieldResolver, NoArgs } from './resolver-types.js';

type First = { first?: number | null };

export const deploymentsResolvers = {
  Route: {
    revisions: (async (route, args, context) => (await context.services.gatewayServices.routes.revisions(context.projectId, route.name)).slice(0, pageSize(args.first, 20))) satisfies FieldResolver<Route, First, RouteRevision[]>,
    rollouts: (async (route, args, context) => (await context.services.deployments.rollouts.list(context.projectId, { route: route.name })).slice(0, pageSize(args.first, 20))) satisfies FieldResolver<Route, First, RolloutRecord[]>,
    experiments: (async (route, args, context) => (await context.services.deployments.experiments.list(context.projectId, route.name)).slice(0, pageSize(args.first, 20))) satisfies FieldResolver<Route, First, ExperimentRecord[]>,
  },
  Rollout: {
    events: ((rollout, _args, context) => context.services.deployments.rollouts.events(context.projectId, rollout.id)) satisfies FieldResolver<RolloutRecord, NoArgs, RolloutEvent[]>,
  },
};

export const deploymentsLoaders = {
  Rollout: {
    targetVersion: (async (queries, context) => {
      // The registry resolver caches its answers: the same target asked twice is one read.
      const ids = await Promise.all(queries.map(async (q) => (q.obj.target.includes('/') ? null : ((await context.services.registryResolver.resolve(context.projectId, q.obj.target))?.versionId ?? null))));
      const found = await context.lookups.modelVersions(ids.filter((id): id is string => id !== null));
      return ids.map((id) => (id ? (found.get(id) ?? null) : null));
    }) satisfies BatchLoader<RolloutRecord, NoArgs, ModelVersionRecord | null>,
  },
};
