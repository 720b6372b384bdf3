// Lineage: the graph of what made what — traces → dataset versions → training jobs → model
// versions → evaluation runs → rollouts — walked by the server (one GraphQL query) from the chosen
// node, up to its sources and down to its results, to a chosen depth and number of nodes. Click a
// node to walk from it; each node links to its own page.
import type { EChartsOption } from 'echarts';
import { type ReactNode, useEffect, useState } from 'react';
import { Card, PageHeader } from '../components/card';
import { Chart, PALETTE } from '../components/chart';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import { KIND_LABELS, NODE_KINDS, type NodeKind, isNodeKind, pageHref } from './lineage/artifact-links';
import { DEPTH_CHOICES, type LineageEdge, type LineageNode, type LineageView, MAX_NODES_CHOICES, type StartCandidate, loadCandidates, loadLineage, nodeKey } from './lineage/lineage-query';
import type { PageProps } from './page-list';

const COLUMN_WIDTH = 200;
const ROW_HEIGHT = 64;

const asError = (caught: unknown) => (caught instanceof Error ? caught : new Error(String(caught)));

export function LineagePage({ params }: PageProps) {
  const kind = params[0] && isNodeKind(params[0]) ? params[0] : null;
  const id = params[1] ?? null;
  const start = kind && id ? nodeKey(kind, id) : null;
  const [depth, setDepth] = useState(3);
  const [maxNodes, setMaxNodes] = useState<number>(MAX_NODES_CHOICES[0]);
  const [pickKind, setPickKind] = useState<NodeKind>(kind ?? 'model_version');
  // What was read for which walk: a view of an earlier walk is not shown as this one's.
  const [walk, setWalk] = useState<{ key: string; view: LineageView | null } | undefined>();
  const [walkError, setWalkError] = useState<Error | undefined>();
  const [candidates, setCandidates] = useState<{ kind: NodeKind; list: StartCandidate[] } | undefined>();
  const [pickError, setPickError] = useState<Error | undefined>();
  const walkKey = start ? `${start}|${depth}|${maxNodes}` : null;

  // Walking to a node of another kind shows that kind's list in the picker.
  useEffect(() => {
    if (kind) setPickKind(kind);
  }, [kind]);

  useEffect(() => {
    if (!kind || !id || !walkKey) return;
    const controller = new AbortController();
    setWalkError(undefined);
    loadLineage(kind, id, { depth, maxNodes }, controller.signal)
      .then((view) => setWalk({ key: walkKey, view }))
      .catch((caught: unknown) => !controller.signal.aborted && setWalkError(asError(caught)));
    return () => controller.abort();
  }, [kind, id, depth, maxNodes, walkKey]);

  useEffect(() => {
    const controller = new AbortController();
    setPickError(undefined);
    loadCandidates(pickKind, controller.signal)
      .then((list) => setCandidates({ kind: pickKind, list }))
      .catch((caught: unknown) => !controller.signal.aborted && setPickError(asError(caught)));
    return () => controller.abort();
  }, [pickKind]);

  const view = walk && walk.key === walkKey ? walk.view : undefined;
  const picks = candidates?.kind === pickKind ? candidates.list : undefined;
  const root = view?.nodes.find((node) => node.key === start);
  const moreNodes = MAX_NODES_CHOICES.find((value) => value > maxNodes);

  return (
    <>
      <PageHeader
        title="Lineage"
        subtitle="What each thing was made from and what was made from it. Click a node to walk from there."
        actions={
          <>
            <label className="row muted">
              Depth
              <select aria-label="Depth" value={depth} onChange={(event) => setDepth(Number(event.target.value))}>
                {DEPTH_CHOICES.map((value) => (
                  <option key={value}>{value}</option>
                ))}
              </select>
            </label>
            <label className="row muted">
              At most
              <select aria-label="Most nodes" value={maxNodes} onChange={(event) => setMaxNodes(Number(event.target.value))}>
                {MAX_NODES_CHOICES.map((value) => (
                  <option key={value} value={value}>
                    {value} nodes
                  </option>
                ))}
              </select>
            </label>
          </>
        }
      />
      <Card title="Start from">
        <ErrorNotice error={pickError} />
        <div className="filters">
          <label className="field">
            Kind
            <select aria-label="Node kind" value={pickKind} onChange={(event) => setPickKind(event.target.value as NodeKind)}>
              {NODE_KINDS.map((value) => (
                <option key={value} value={value}>
                  {KIND_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <label className="field spacer">
            Node
            <select aria-label="Start node" value={kind === pickKind ? (id ?? '') : ''} onChange={(event) => event.target.value && navigate('lineage', pickKind, event.target.value)}>
              <option value="">{!picks ? 'loading…' : picks.length ? `choose a ${KIND_LABELS[pickKind]}…` : `no ${KIND_LABELS[pickKind]} recorded`}</option>
              {kind === pickKind && id && picks && !picks.some((pick) => pick.id === id) && <option value={id}>{root?.label ?? id}</option>}
              {picks?.map((pick) => (
                <option key={pick.id} value={pick.id}>
                  {pick.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </Card>
      <ErrorNotice error={walkError} />
      {!start ? (
        <div className="empty">Choose a node to see its lineage.</div>
      ) : view === undefined ? (
        <Loading error={walkError} />
      ) : view === null ? (
        <div className="notice notice-warn">Nothing recorded as {KIND_LABELS[kind as NodeKind]} {id}.</div>
      ) : (
        <>
          {view.truncated && (
            <div className="notice notice-warn" data-testid="lineage-truncated">
              <strong>Truncated:</strong> the walk stopped at {maxNodes} nodes before reaching depth {depth}; more is recorded than shown.{' '}
              {moreNodes ? (
                <button type="button" className="button button-secondary" onClick={() => setMaxNodes(moreNodes)}>
                  Show up to {moreNodes} nodes
                </button>
              ) : (
                'Walk from a node nearer to what you are looking for, or lower the depth.'
              )}
            </div>
          )}
          <Card title={`Lineage of ${root?.label ?? start}`}>
            <Chart label="lineage graph" height={graphHeight(view.nodes)} option={graphOption(view.nodes, view.edges, start)} onItemClick={(data) => openNode(data)} />
          </Card>
          <Card title="Nodes">
            <DataTable
              label="lineage nodes"
              rows={[...view.nodes].sort((a, b) => a.distance - b.distance || NODE_KINDS.indexOf(a.kind) - NODE_KINDS.indexOf(b.kind) || a.label.localeCompare(b.label))}
              rowKey={(node) => node.key}
              selectedKey={start}
              onRowClick={(node) => navigate('lineage', node.kind, node.id)}
              columns={[
                { header: 'Kind', cell: (node) => KIND_LABELS[node.kind] },
                { header: 'Name', wrap: true, cell: (node) => <strong>{node.label}</strong> },
                { header: 'Id', cell: (node) => <Id value={node.id} short /> },
                { header: 'Steps away', align: 'right', cell: (node) => node.distance },
                { header: 'Reached by', wrap: true, cell: (node) => reachedBy(node, view) },
                {
                  header: '',
                  cell: (node) => {
                    const page = pageHref(node.kind, node.id, node.context);
                    return page ? (
                      <a href={page} onClick={(event) => event.stopPropagation()}>
                        open →
                      </a>
                    ) : null;
                  },
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

/** The edge that joins a node to one a step nearer the start: `this —trained→ training job` (up) or `model version —evaluated→ this` (down). */
function reachedBy(node: LineageNode, view: LineageView): ReactNode {
  if (node.direction === 'start') return 'start';
  const nearer = new Map(view.nodes.filter((other) => other.distance === node.distance - 1).map((other) => [other.key, other]));
  const edge = view.edges.find((candidate) => (node.direction === 'up' ? candidate.from === node.key && nearer.has(candidate.to) : candidate.to === node.key && nearer.has(candidate.from)));
  const other = edge && nearer.get(node.direction === 'up' ? edge.to : edge.from);
  if (!edge || !other) return '—';
  return <span title={other.label}>{node.direction === 'up' ? `this —${edge.relation}→ ${KIND_LABELS[other.kind]}` : `${KIND_LABELS[other.kind]} —${edge.relation}→ this`}</span>;
}

function openNode(data: unknown) {
  const node = data as { kind?: string; nodeId?: string } | null;
  if (node?.kind && node.nodeId && isNodeKind(node.kind)) navigate('lineage', node.kind, node.nodeId);
}

function rowsPerColumn(nodes: LineageNode[]): number {
  return Math.max(1, ...NODE_KINDS.map((kind) => nodes.filter((node) => node.kind === kind).length));
}

function graphHeight(nodes: LineageNode[]): number {
  return Math.min(900, Math.max(220, rowsPerColumn(nodes) * ROW_HEIGHT + 80));
}

/** Columns by kind, in the order things are made; each column's nodes stacked and centred. */
function graphOption(nodes: LineageNode[], edges: LineageEdge[], start: string): EChartsOption {
  const kinds = NODE_KINDS.filter((kind) => nodes.some((node) => node.kind === kind));
  const tallest = rowsPerColumn(nodes);
  const data = kinds.flatMap((kind, column) => {
    const inColumn = nodes.filter((node) => node.kind === kind).sort((a, b) => a.label.localeCompare(b.label));
    return inColumn.map((node, row) => ({
      id: node.key,
      name: node.label,
      nodeId: node.id,
      kind: node.kind,
      x: column * COLUMN_WIDTH,
      y: (row + (tallest - inColumn.length) / 2) * ROW_HEIGHT,
      symbolSize: node.key === start ? 26 : 18,
      itemStyle: { color: PALETTE[NODE_KINDS.indexOf(node.kind) % PALETTE.length], borderColor: node.key === start ? '#111827' : '#fff', borderWidth: node.key === start ? 3 : 1 },
      label: { show: true, position: 'bottom' as const, formatter: node.label.length > 26 ? `${node.label.slice(0, 24)}…` : node.label, color: '#374151', fontSize: 11 },
      tooltip: { formatter: `${KIND_LABELS[node.kind]}: ${node.label}<br/>${node.id}<br/>${node.distance} step${node.distance === 1 ? '' : 's'} ${node.direction === 'up' ? 'up' : node.direction === 'down' ? 'down' : 'away'}` },
    }));
  });
  return {
    tooltip: { trigger: 'item' },
    title: kinds.map((kind, column) => ({ text: KIND_LABELS[kind], left: `${((column + 0.5) / kinds.length) * 100}%`, top: 0, textAlign: 'center', textStyle: { fontSize: 12, color: '#6b7280', fontWeight: 500 } })),
    series: [
      {
        type: 'graph',
        layout: 'none',
        // Room around the nodes so labels at the edges are not clipped.
        top: 40,
        bottom: 36,
        left: 90,
        right: 90,
        roam: true,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        lineStyle: { color: '#9ca3af', width: 1.5, curveness: 0.1 },
        emphasis: { focus: 'adjacency' },
        data,
        links: edges.map((edge) => ({ source: edge.from, target: edge.to, tooltip: { formatter: edge.relation } })),
      },
    ],
  };
}
