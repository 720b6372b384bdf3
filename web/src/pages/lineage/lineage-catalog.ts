// The lineage graph composed from the REST API: dataset versions (and the traces their items came
// from), training jobs, model versions, evaluation runs and rollouts, with an edge for every
// recorded "made from". Loaded once per visit; walked from any node both ways.
import { api, withQuery } from '../../api/api-client';
import type { Dataset, DatasetVersion, DatasetVersionItem, EvalRun, List, Model, ModelVersion, Page, Rollout, Trace, TrainingJob } from '../../api/api-types';
import type { NodeContext, NodeKind } from './artifact-links';

export interface LineageNode {
  key: string;
  kind: NodeKind;
  id: string;
  label: string;
  status?: string;
  context: NodeContext;
}

export interface LineageGraph {
  nodes: Map<string, LineageNode>;
  /** Edges from what was used to what was made. */
  edges: { from: string; to: string }[];
}

export const nodeKey = (kind: NodeKind, id: string) => `${kind}:${id}`;

/** How much the catalog reads at most, so a large project still answers quickly. */
const LIMITS = { datasets: 30, versionsWithItems: 30, itemsPerVersion: 200, models: 30, jobs: 200, runs: 200 };

async function optional<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch {
    // A part this key may not read (or this server lacks) is left out of the graph.
    return fallback;
  }
}

export async function loadLineage(signal: AbortSignal): Promise<LineageGraph> {
  const get = <T>(path: string) => api<T>(path, { signal });
  const [datasets, models, jobs, runs, rollouts] = await Promise.all([
    optional(get<List<Dataset>>('/api/datasets'), { data: [] }),
    optional(get<List<Model>>('/api/models'), { data: [] }),
    optional(get<Page<TrainingJob>>(withQuery('/api/training/jobs', { limit: LIMITS.jobs })), { data: [], next_cursor: null }),
    optional(get<List<EvalRun>>(withQuery('/api/evals/runs', { limit: LIMITS.runs })), { data: [] }),
    optional(get<List<Rollout>>('/api/rollouts'), { data: [] }),
  ]);
  const datasetVersions = (
    await Promise.all(datasets.data.slice(0, LIMITS.datasets).map((dataset) => optional(get<List<DatasetVersion>>(`/api/datasets/${encodeURIComponent(dataset.name)}/versions`), { data: [] })))
  ).flatMap((list) => list.data);
  const modelVersions = (await Promise.all(models.data.slice(0, LIMITS.models).map((model) => optional(get<List<ModelVersion>>(`/api/models/${encodeURIComponent(model.name)}/versions`), { data: [] })))).flatMap(
    (list) => list.data,
  );
  const itemTraces = await Promise.all(
    datasetVersions.slice(0, LIMITS.versionsWithItems).map(async (version) => {
      const items = await optional(get<Page<DatasetVersionItem>>(withQuery(`/api/datasets/${encodeURIComponent(version.dataset)}/versions/${version.version}/items`, { limit: LIMITS.itemsPerVersion })), { data: [], next_cursor: null });
      return { version, traceIds: [...new Set(items.data.map((row) => row.item.provenance?.traceId).filter((id): id is string => Boolean(id)))] };
    }),
  );

  const nodes = new Map<string, LineageNode>();
  const edges: { from: string; to: string }[] = [];
  const add = (node: Omit<LineageNode, 'key'>) => {
    const key = nodeKey(node.kind, node.id);
    if (!nodes.has(key)) nodes.set(key, { ...node, key });
    return key;
  };
  const link = (from: string, to: string) => {
    if (from !== to && !edges.some((edge) => edge.from === from && edge.to === to)) edges.push({ from, to });
  };

  for (const version of datasetVersions) add({ kind: 'dataset_version', id: version.id, label: `${version.dataset} v${version.version}`, status: version.operation, context: { dataset: version.dataset } });
  for (const version of datasetVersions) for (const parent of version.parents) if (nodes.has(nodeKey('dataset_version', parent))) link(nodeKey('dataset_version', parent), nodeKey('dataset_version', version.id));
  for (const { version, traceIds } of itemTraces) {
    for (const traceId of traceIds) link(add({ kind: 'trace', id: traceId, label: `${traceId.slice(0, 16)}…`, context: {} }), nodeKey('dataset_version', version.id));
  }
  const versionKeys = new Map<string, string>();
  for (const version of modelVersions) {
    const key = add({ kind: 'model_version', id: version.id, label: version.name, status: version.status, context: { model: version.model, version: version.name } });
    versionKeys.set(version.id, key);
    versionKeys.set(version.name, key);
  }
  for (const job of jobs.data) {
    const key = add({ kind: 'training_job', id: job.id, label: job.name, status: job.state, context: {} });
    if (job.datasetVersionId) link(add({ kind: 'dataset_version', id: job.datasetVersionId, label: job.datasetVersionId, context: {} }), key);
    if (job.modelVersionId) link(key, versionKeys.get(job.modelVersionId) ?? add({ kind: 'model_version', id: job.modelVersionId, label: job.modelVersionId, context: {} }));
  }
  for (const version of modelVersions) {
    const key = nodeKey('model_version', version.id);
    const jobId = 'jobId' in version.source ? version.source.jobId : undefined;
    const fromVersion = 'fromVersion' in version.source ? version.source.fromVersion : undefined;
    if (jobId) link(add({ kind: 'training_job', id: jobId, label: jobId, context: {} }), key);
    if (fromVersion && versionKeys.has(fromVersion)) link(versionKeys.get(fromVersion) as string, key);
    // Data a version names directly (when no job of this project records it).
    for (const dataset of version.datasetVersionIds) if (!jobId) link(add({ kind: 'dataset_version', id: dataset, label: dataset, context: {} }), key);
    for (const run of version.evalRunIds) link(key, add({ kind: 'eval_run', id: run, label: run, context: {} }));
  }
  for (const run of runs.data) {
    const key = nodeKey('eval_run', run.id);
    nodes.set(key, { key, kind: 'eval_run', id: run.id, label: run.name || run.id, status: run.status, context: {} });
    link(add({ kind: 'dataset_version', id: run.datasetVersionId, label: run.datasetVersionId, context: {} }), key);
    const target = run.model ? versionKeys.get(run.model.version) : undefined;
    if (target) link(target, key);
  }
  for (const rollout of rollouts.data) {
    const key = add({ kind: 'rollout', id: rollout.id, label: `${rollout.route} → ${rollout.target}`, status: rollout.status, context: { route: rollout.route } });
    const version = modelVersions.find((candidate) => rollout.target === candidate.id || rollout.target.endsWith(candidate.name) || candidate.aliases.some((alias) => rollout.target === `${candidate.model}@${alias}`));
    if (version) link(nodeKey('model_version', version.id), key);
  }
  return { nodes, edges };
}

/** A trace the catalog does not hold (made by traffic, not used by a dataset): its version and route from /api/traces. */
export async function addTrace(graph: LineageGraph, id: string, signal: AbortSignal): Promise<void> {
  const key = nodeKey('trace', id);
  const trace = await api<Trace>(`/api/traces/${encodeURIComponent(id)}`, { signal });
  if (!graph.nodes.has(key)) graph.nodes.set(key, { key, kind: 'trace', id, label: `${id.slice(0, 16)}…`, status: trace.status, context: {} });
  const version = trace.versionId ? [...graph.nodes.values()].find((node) => node.kind === 'model_version' && (node.id === trace.versionId || node.label === trace.versionId)) : undefined;
  if (version && !graph.edges.some((edge) => edge.from === version.key && edge.to === key)) graph.edges.push({ from: version.key, to: key });
}

/** The nodes within `depth` steps of `start`, following edges both ways, with the edges among them. */
export function neighbourhood(graph: LineageGraph, start: string, depth: number): { nodes: (LineageNode & { distance: number })[]; edges: { from: string; to: string }[] } {
  const distance = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let step = 1; step <= depth && frontier.length; step++) {
    const next: string[] = [];
    for (const key of frontier) {
      for (const edge of graph.edges) {
        const other = edge.from === key ? edge.to : edge.to === key ? edge.from : null;
        if (other && !distance.has(other)) {
          distance.set(other, step);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  const nodes = [...distance].map(([key, d]) => ({ ...(graph.nodes.get(key) as LineageNode), distance: d })).filter((node) => node.kind);
  return { nodes, edges: graph.edges.filter((edge) => distance.has(edge.from) && distance.has(edge.to)) };
}
