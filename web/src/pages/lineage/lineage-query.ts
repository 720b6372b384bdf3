// The lineage graph read with one GraphQL query (POST /graphql, in the key's project): the server
// walks from the start node up to what it was made from and down to what was made from it, to a
// depth and a number of nodes, and says when it stopped short. The shapes below are this page's
// own query's answer (GraphQL answers are not in the SDK's OpenAPI types).
import { ApiError, api } from '../../api/api-client';
import { NODE_KINDS, type NodeContext, type NodeKind, modelOfVersionName } from './artifact-links';

/** The server's limits on a lineage walk (LINEAGE_MAX_DEPTH in src/server/graphql). */
export const DEPTH_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/**
 * How many nodes a walk may return. The server allows up to 1,000, but its cost limit (10,000 by
 * default) counts each of the 11 fields this query reads per node: 500 stays well within it.
 */
export const MAX_NODES_CHOICES = [100, 250, 500] as const;

type GraphqlKind = Uppercase<NodeKind>;
type GraphqlDirection = 'UP' | 'DOWN' | 'BOTH';

interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

interface GraphqlAnswer<T> {
  data: T | null;
  errors?: GraphqlError[];
}

interface LineageAnswer {
  lineage: {
    nodes: { kind: GraphqlKind; id: string; label: string; depth: number; direction: GraphqlDirection }[];
    edges: { from: string; to: string; relation: string }[];
    truncated: boolean;
  } | null;
}

const LINEAGE_QUERY = /* GraphQL */ `
  query DashboardLineage($node: LineageNodeInput!, $depth: Int!, $maxNodes: Int!) {
    lineage(node: $node, direction: BOTH, depth: $depth, maxNodes: $maxNodes) {
      nodes { kind id label depth direction }
      edges { from to relation }
      truncated
    }
  }
`;

export interface LineageNode {
  /** `kind:id`, as in the page's URL. */
  key: string;
  kind: NodeKind;
  id: string;
  label: string;
  /** Steps from the start node. */
  distance: number;
  /** Where the walk met it: towards sources (up), towards results (down), or the start itself. */
  direction: 'up' | 'down' | 'start';
  context: NodeContext;
}

export interface LineageEdge {
  /** Node keys: from what was used to what was made. */
  from: string;
  to: string;
  relation: string;
}

export interface LineageView {
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** The server stopped at maxNodes before reaching the depth. */
  truncated: boolean;
}

export const nodeKey = (kind: NodeKind, id: string) => `${kind}:${id}`;

/** Runs one GraphQL query through the dashboard's API client (bearer key or session cookie). */
export async function graphql<T>(query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
  let answer: GraphqlAnswer<T>;
  try {
    answer = await api<GraphqlAnswer<T>>('/graphql', { method: 'POST', body: { query, variables }, signal });
  } catch (caught) {
    // A 400 with no data is a refused document: the API client keeps only the status of a GraphQL error body.
    if (caught instanceof ApiError && caught.status === 400) throw new Error('The server refused the lineage query (HTTP 400): it may be over the server’s GraphQL depth or cost limit — ask for fewer nodes.');
    throw caught;
  }
  if (answer.errors?.length) throw new Error(answer.errors.map((error) => `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`).join('; '));
  if (!answer.data) throw new Error('The GraphQL answer held no data.');
  return answer.data;
}

/**
 * What a node's page needs besides its id, read from the labels the server gives: a dataset
 * version is `dataset@version` (dataset names hold no `@`), a model version is `model-NNN` (the
 * registry names every version so), a rollout is `route → target` (route names hold no space).
 */
function contextOf(kind: NodeKind, label: string): NodeContext {
  if (kind === 'dataset_version') {
    const at = label.lastIndexOf('@');
    return at > 0 ? { dataset: label.slice(0, at), datasetVersion: label.slice(at + 1) } : {};
  }
  if (kind === 'model_version') {
    const model = modelOfVersionName(label);
    return model ? { model, version: label } : {};
  }
  if (kind === 'rollout') {
    const arrow = label.indexOf(' → ');
    return arrow > 0 ? { route: label.slice(0, arrow) } : {};
  }
  return {};
}

/** The graph around a node, or null when the project has no such node. */
export async function loadLineage(kind: NodeKind, id: string, options: { depth: number; maxNodes: number }, signal: AbortSignal): Promise<LineageView | null> {
  const { lineage } = await graphql<LineageAnswer>(LINEAGE_QUERY, { node: { kind: kind.toUpperCase(), id }, depth: options.depth, maxNodes: options.maxNodes }, signal);
  if (!lineage) return null;
  const nodes: LineageNode[] = [];
  for (const node of lineage.nodes) {
    const nodeKind = node.kind.toLowerCase() as NodeKind;
    // A kind a newer server adds is left out rather than drawn wrongly.
    if (!NODE_KINDS.includes(nodeKind)) continue;
    nodes.push({
      key: nodeKey(nodeKind, node.id),
      kind: nodeKind,
      id: node.id,
      label: node.label,
      distance: node.depth,
      direction: node.direction === 'UP' ? 'up' : node.direction === 'DOWN' ? 'down' : 'start',
      context: contextOf(nodeKind, node.label),
    });
  }
  // Edges name ids alone; ids carry their kind's prefix (trace_…, dsv_…, mv_…), so an id is one node.
  const keys = new Map(nodes.map((node) => [node.id, node.key]));
  const edges: LineageEdge[] = [];
  for (const edge of lineage.edges) {
    const from = keys.get(edge.from);
    const to = keys.get(edge.to);
    if (from && to) edges.push({ from, to, relation: edge.relation });
  }
  return { nodes, edges, truncated: lineage.truncated };
}

export interface StartCandidate {
  id: string;
  label: string;
}

/** How many of each kind the start picker offers (newest first where the server orders them). */
const PICK_LIMIT = 50;

const CANDIDATE_QUERIES: Record<NodeKind, { query: string; read(data: never): StartCandidate[] }> = {
  trace: {
    query: `query DashboardLineageTraces { traces(first: ${PICK_LIMIT}) { nodes { id requestedModel createdAt } } }`,
    read: (data: { traces: { nodes: { id: string; requestedModel: string; createdAt: string }[] } }) => data.traces.nodes.map((t) => ({ id: t.id, label: `${t.requestedModel} at ${t.createdAt}` })),
  },
  dataset_version: {
    query: 'query DashboardLineageDatasetVersions { datasets { versions(first: 20) { id label } } }',
    read: (data: { datasets: { versions: { id: string; label: string }[] }[] }) => data.datasets.flatMap((d) => d.versions.map((v) => ({ id: v.id, label: v.label }))),
  },
  training_job: {
    query: `query DashboardLineageJobs { trainingJobs(first: ${PICK_LIMIT}) { nodes { id name } } }`,
    read: (data: { trainingJobs: { nodes: { id: string; name: string }[] } }) => data.trainingJobs.nodes.map((j) => ({ id: j.id, label: j.name })),
  },
  model_version: {
    query: 'query DashboardLineageModelVersions { models { versions(first: 20) { id name } } }',
    read: (data: { models: { versions: { id: string; name: string }[] }[] }) => data.models.flatMap((m) => m.versions.map((v) => ({ id: v.id, label: v.name }))),
  },
  eval_run: {
    query: `query DashboardLineageRuns { evalRuns(first: ${PICK_LIMIT}) { id name } }`,
    read: (data: { evalRuns: { id: string; name: string }[] }) => data.evalRuns.map((r) => ({ id: r.id, label: r.name || r.id })),
  },
  rollout: {
    query: `query DashboardLineageRollouts { rollouts(first: ${PICK_LIMIT}) { id route target } }`,
    read: (data: { rollouts: { id: string; route: string; target: string }[] }) => data.rollouts.map((r) => ({ id: r.id, label: `${r.route} → ${r.target}` })),
  },
};

/** A short list of nodes of one kind to start a walk from. */
export async function loadCandidates(kind: NodeKind, signal: AbortSignal): Promise<StartCandidate[]> {
  const { query, read } = CANDIDATE_QUERIES[kind];
  return read(await graphql<never>(query, {}, signal));
}
