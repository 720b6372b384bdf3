// The kinds of node the lineage graph joins, and the edge between two of them.
export const LINEAGE_KINDS = ['TRACE', 'DATASET_VERSION', 'TRAINING_JOB', 'MODEL_VERSION', 'EVAL_RUN', 'ROLLOUT'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

export const LINEAGE_WALKS = ['UP', 'DOWN', 'BOTH'] as const;
export type LineageWalk = (typeof LINEAGE_WALKS)[number];

export interface NodeRef {
  kind: LineageKind;
  id: string;
}

/** `parent` was made into `child` (a trace curated into a dataset version, a job producing a version…). */
export interface LineageLink {
  parent: NodeRef;
  child: NodeRef;
  relation: string;
}

export function refKey(ref: NodeRef): string {
  return `${ref.kind}:${ref.id}`;
}
