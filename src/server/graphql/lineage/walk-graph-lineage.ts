// Breadth-first walks from one node: up to what it was made from, down to what was made from it
// (both: the two walks, never sideways to siblings), one batched query per kind and level, at
// most `depth` steps and `maxNodes` nodes.
import type { GraphqlContext } from '../graphql-context.js';
import { describeNodes } from './describe-nodes.js';
import { DOWN_LINKS, UP_LINKS } from './lineage-links.js';
import { type LineageKind, type LineageWalk, type NodeRef, refKey } from './lineage-node.js';

export interface GraphNode extends NodeRef {
  label: string;
  depth: number;
  direction: LineageWalk;
}

export interface GraphEdge {
  from: string;
  to: string;
  relation: string;
}

export interface LineageGraphView {
  root: GraphNode;
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
}

export interface WalkOptions {
  direction: LineageWalk;
  depth: number;
  maxNodes: number;
}

/** The graph around `start`, or null when the project has no such node. */
export async function walkGraphLineage(start: NodeRef, options: WalkOptions, context: GraphqlContext): Promise<LineageGraphView | null> {
  const label = (await describeNodes([start], context)).get(refKey(start));
  if (label === undefined) return null;
  const root: GraphNode = { ...start, label, depth: 0, direction: 'BOTH' };
  const nodes = new Map<string, GraphNode>([[refKey(start), root]]);
  const edges = new Map<string, GraphEdge>();
  let truncated = false;
  const walks: ('UP' | 'DOWN')[] = options.direction === 'BOTH' ? ['UP', 'DOWN'] : [options.direction];
  for (const walk of walks) {
    let frontier: NodeRef[] = [start];
    for (let depth = 1; depth <= options.depth && frontier.length > 0 && !truncated; depth++) {
      const found: { next: NodeRef; from: string; to: string; relation: string }[] = [];
      for (const [kind, ids] of groupByKind(frontier)) {
        const finder = walk === 'UP' ? UP_LINKS[kind] : DOWN_LINKS[kind];
        for (const l of await finder(ids, context, options.maxNodes)) found.push({ next: walk === 'UP' ? l.parent : l.child, from: l.parent.id, to: l.child.id, relation: l.relation });
      }
      const fresh = dedupe(found.map((f) => f.next).filter((n) => !nodes.has(refKey(n))));
      const labels = await describeNodes(fresh, context);
      const next: NodeRef[] = [];
      for (const n of fresh) {
        const text = labels.get(refKey(n));
        if (text === undefined) continue;
        if (nodes.size >= options.maxNodes) {
          truncated = true;
          break;
        }
        nodes.set(refKey(n), { ...n, label: text, depth, direction: walk });
        next.push(n);
      }
      for (const f of found) {
        if (!nodes.has(refKey(f.next))) continue;
        edges.set(`${f.from}>${f.to}>${f.relation}`, { from: f.from, to: f.to, relation: f.relation });
      }
      frontier = next;
    }
  }
  return { root, nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}

function groupByKind(refs: readonly NodeRef[]): Map<LineageKind, string[]> {
  const map = new Map<LineageKind, string[]>();
  for (const r of refs) map.set(r.kind, [...(map.get(r.kind) ?? []), r.id]);
  return map;
}

function dedupe(refs: readonly NodeRef[]): NodeRef[] {
  return [...new Map(refs.map((r) => [refKey(r), r])).values()];
}
