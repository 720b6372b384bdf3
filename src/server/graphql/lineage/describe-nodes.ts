// What the lineage graph shows of a node: its readable label, read in one batch per kind through
// the project's lookups. A node the project cannot see (another project's, or purged) is left out.
import { versionLabel } from '../../../datasets/index.js';
import type { GraphqlContext } from '../graphql-context.js';
import { type LineageKind, type NodeRef, refKey } from './lineage-node.js';

type Labeller = (ids: string[], context: GraphqlContext) => Promise<Map<string, string>>;

const LABELS: Record<LineageKind, Labeller> = {
  TRACE: async (ids, c) => new Map([...(await c.lookups.traces(ids))].map(([id, t]) => [id, `${t.requestedModel} at ${t.createdAt}`])),
  DATASET_VERSION: async (ids, c) => new Map([...(await c.lookups.datasetVersions(ids))].map(([id, v]) => [id, versionLabel(v)])),
  TRAINING_JOB: async (ids, c) => new Map([...(await c.lookups.trainingJobs(ids))].map(([id, j]) => [id, j.name])),
  MODEL_VERSION: async (ids, c) => new Map([...(await c.lookups.modelVersions(ids))].map(([id, v]) => [id, v.name])),
  EVAL_RUN: async (ids, c) => new Map([...(await c.lookups.evalRuns(ids))].map(([id, r]) => [id, r.name])),
  ROLLOUT: async (ids, c) => new Map([...(await c.lookups.rollouts(ids))].map(([id, r]) => [id, `${r.route} → ${r.target}`])),
};

/** refKey → label of every visible node among `refs`. */
export async function describeNodes(refs: readonly NodeRef[], context: GraphqlContext): Promise<Map<string, string>> {
  const byKind = new Map<LineageKind, string[]>();
  for (const r of refs) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
  const out = new Map<string, string>();
  for (const [kind, ids] of byKind) {
    for (const [id, label] of await LABELS[kind](ids, context)) out.set(refKey({ kind, id }), label);
  }
  return out;
}
