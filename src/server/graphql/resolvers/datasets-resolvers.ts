// Datasets, versions and items through the dataset service; parents and items' source traces through
// batched lookups (a page of 50 items asks for its traces once).
import { type Dataset, type DatasetItem, type DatasetSplit, type DatasetVersion, versionLabel } from '../../../datasets/index.js';
import type { TraceView } from '../../../monitoring/traces/index.js';
import { pageSize } from '../graphql-context.js';
import type { BatchLoader, FieldResolver, NoArgs } from './resolver-types.js';

/** An item as the graph shows it: the stored item with its position in the version. */
export type PositionedItem = DatasetItem & { position: number };

interface ItemPage {
  nodes: PositionedItem[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export const datasetsResolvers = {
  Dataset: {
    versions: (async (dataset, args, context) => (await context.services.datasets.listVersions(context.projectId, dataset.name)).slice(0, pageSize(args.first))) satisfies FieldResolver<
      Dataset,
      { first?: number | null },
      DatasetVersion[]
    >,
  },
  DatasetVersion: {
    label: ((version) => versionLabel(version)) satisfies FieldResolver<DatasetVersion, NoArgs, string>,
    items: (async (version, args, context) => {
      const limit = pageSize(args.first);
      const stored = await context.services.datasets.items(context.projectId, version.dataset, version.id, { after: args.after ?? undefined, limit: limit + 1, split: args.split ?? undefined });
      const page = stored.slice(0, limit);
      return {
        nodes: page.map((s) => ({ ...s.item, position: s.position })),
        pageInfo: { endCursor: page.length > 0 ? String(page[page.length - 1].position) : null, hasNextPage: stored.length > limit },
      };
    }) satisfies FieldResolver<DatasetVersion, { first?: number | null; after?: number | null; split?: DatasetSplit | null }, ItemPage>,
  },
};

export const datasetsLoaders = {
  DatasetVersion: {
    parents: (async (queries, context) => {
      const found = await context.lookups.datasetVersions(queries.flatMap((q) => q.obj.parents));
      return queries.map((q) => q.obj.parents.map((id) => found.get(id)).filter((v): v is DatasetVersion => v !== undefined));
    }) satisfies BatchLoader<DatasetVersion, NoArgs, DatasetVersion[]>,
  },
  DatasetItem: {
    sourceTrace: (async (queries, context) => {
      const found = await context.lookups.traces(queries.map((q) => q.obj.provenance?.traceId).filter((id): id is string => id !== undefined));
      return queries.map((q) => (q.obj.provenance?.traceId ? (found.get(q.obj.provenance.traceId) ?? null) : null));
    }) satisfies BatchLoader<PositionedItem, NoArgs, TraceView | null>,
  },
};
