// The lineage graph of dataset versions, walked up (what a version was made from) or down (what was
// made from it), across datasets: a merge's parents may belong to other datasets.
import type { Db } from '../../store/index.js';
import { type DatasetVersion, versionLabel } from '../dataset-records.js';
import { findVersionById } from '../dataset-repository.js';

export const LINEAGE_DIRECTIONS = ['up', 'down'] as const;
export type LineageDirection = (typeof LINEAGE_DIRECTIONS)[number];

export interface LineageNode {
  id: string;
  label: string;
  dataset: string;
  version: number;
  hash: string;
  operation: string;
  itemCount: number;
  createdAt: string;
  /** Steps from the start version. */
  depth: number;
}

export interface LineageGraph {
  root: string;
  direction: LineageDirection;
  nodes: LineageNode[];
  /** `from` was made into `to` (parent → child), whatever the direction walked. */
  edges: { from: string; to: string }[];
}

function node(version: DatasetVersion, depth: number): LineageNode {
  return {
    id: version.id,
    label: versionLabel(version),
    dataset: version.dataset,
    version: version.version,
    hash: version.hash,
    operation: version.operation,
    itemCount: version.itemCount,
    createdAt: version.createdAt,
    depth,
  };
}

/** Breadth-first walk from `start`, at most `maxDepth` steps. */
export async function walkLineage(db: Db, start: DatasetVersion, direction: LineageDirection, maxDepth = 50): Promise<LineageGraph> {
  const nodes = new Map<string, LineageNode>([[start.id, node(start, 0)]]);
  const edges: { from: string; to: string }[] = [];
  let frontier = [start.id];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const rows =
      direction === 'up'
        ? await db.selectFrom('dataset_version_parents').select(['version_id as from_id', 'parent_id as next']).where('version_id', 'in', frontier).execute()
        : await db.selectFrom('dataset_version_parents').select(['parent_id as from_id', 'version_id as next']).where('parent_id', 'in', frontier).execute();
    const next: string[] = [];
    for (const row of rows) {
      edges.push(direction === 'up' ? { from: row.next, to: row.from_id } : { from: row.from_id, to: row.next });
      if (nodes.has(row.next)) continue;
      nodes.set(row.next, node(await findVersionById(db, row.next), depth));
      next.push(row.next);
    }
    frontier = next;
  }
  return { root: start.id, direction, nodes: [...nodes.values()], edges };
}
