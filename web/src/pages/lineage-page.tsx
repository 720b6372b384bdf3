// Lineage: the graph of what made what — traces → dataset versions → training jobs → model
// versions → evaluation runs → rollouts — from any node, both ways, to a chosen depth. Click a
// node to walk from it; each node links to its own page.
import type { EChartsOption } from 'echarts';
import { useEffect, useMemo, useState } from 'react';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Chart, PALETTE } from '../components/chart';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import { KIND_LABELS, NODE_KINDS, type NodeKind, isNodeKind, pageHref } from './lineage/artifact-links';
import { type LineageGraph, type LineageNode, addTrace, loadLineage, neighbourhood, nodeKey } from './lineage/lineage-catalog';
import type { PageProps } from './page-list';

const COLUMN_WIDTH = 200;
const ROW_HEIGHT = 64;

export function LineagePage({ params }: PageProps) {
  const [graph, setGraph] = useState<LineageGraph | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [depth, setDepth] = useState(3);
  const [pickKind, setPickKind] = useState<NodeKind>('model_version');
  const [version, setVersion] = useState(0);
  const kind = params[0] && isNodeKind(params[0]) ? params[0] : null;
  const id = params[1] ?? null;
  const start = kind && id ? nodeKey(kind, id) : null;

  useEffect(() => {
    const controller = new AbortController();
    loadLineage(controller.signal)
      .then((loaded) => setGraph(loaded))
      .catch((caught: unknown) => !controller.signal.aborted && setError(caught instanceof Error ? caught : new Error(String(caught))));
    return () => controller.abort();
  }, []);

  // A trace that no dataset used is not in the catalog: read it on its own.
  useEffect(() => {
    if (!graph || kind !== 'trace' || !id || graph.nodes.has(nodeKey('trace', id))) return;
    const controller = new AbortController();
    addTrace(graph, id, controller.signal)
      .then(() => setVersion((value) => value + 1))
      .catch((caught: unknown) => !controller.signal.aborted && setError(caught instanceof Error ? caught : new Error(String(caught))));
    return () => controller.abort();
  }, [graph, kind, id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` marks a node added to the graph in place.
  const view = useMemo(() => (graph && start && graph.nodes.has(start) ? neighbourhood(graph, start, depth) : null), [graph, start, depth, version]);
  const candidates = graph ? [...graph.nodes.values()].filter((node) => node.kind === pickKind) : [];

  return (
    <>
      <PageHeader
        title="Lineage"
        subtitle="What each thing was made from and what was made from it. Click a node to walk from there."
        actions={
          <label className="row muted">
            Depth
            <select aria-label="Depth" value={depth} onChange={(event) => setDepth(Number(event.target.value))}>
              {[1, 2, 3, 4, 5, 6, 8].map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </label>
        }
      />
      <ErrorNotice error={error} />
      <Card title="Start from">
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
            <select aria-label="Start node" value={start?.startsWith(`${pickKind}:`) ? (id ?? '') : ''} onChange={(event) => event.target.value && navigate('lineage', pickKind, event.target.value)}>
              <option value="">{candidates.length ? `choose a ${KIND_LABELS[pickKind]}…` : `no ${KIND_LABELS[pickKind]} recorded`}</option>
              {candidates.map((node) => (
                <option key={node.key} value={node.id}>
                  {node.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </Card>
      {!graph ? (
        <Loading error={error} />
      ) : !start ? (
        <div className="empty">Choose a node to see its lineage.</div>
      ) : !view ? (
        kind === 'trace' && !error ? <Loading /> : <div className="notice notice-warn">Nothing recorded as {start}.</div>
      ) : (
        <>
          <Card title={`Lineage of ${graph.nodes.get(start)?.label ?? start}`}>
            <Chart label="lineage graph" height={graphHeight(view.nodes)} option={graphOption(view.nodes, view.edges, start)} onItemClick={(data) => openNode(data)} />
          </Card>
          <Card title="Nodes">
            <DataTable
              label="lineage nodes"
              rows={[...view.nodes].sort((a, b) => NODE_KINDS.indexOf(a.kind) - NODE_KINDS.indexOf(b.kind) || a.label.localeCompare(b.label))}
              rowKey={(node) => node.key}
              selectedKey={start}
              onRowClick={(node) => navigate('lineage', node.kind, node.id)}
              columns={[
                { header: 'Kind', cell: (node) => KIND_LABELS[node.kind] },
                { header: 'Name', cell: (node) => <strong>{node.label}</strong> },
                { header: 'Id', cell: (node) => <Id value={node.id} short /> },
                { header: 'Status', cell: (node) => (node.status ? <Badge value={node.status} /> : '—') },
                { header: 'Steps away', align: 'right', cell: (node) => node.distance },
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
function graphOption(nodes: (LineageNode & { distance: number })[], edges: { from: string; to: string }[], start: string): EChartsOption {
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
      tooltip: { formatter: `${KIND_LABELS[node.kind]}: ${node.label}<br/>${node.id}${node.status ? `<br/>${node.status}` : ''}` },
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
        links: edges.map((edge) => ({ source: edge.from, target: edge.to })),
      },
    ],
  };
}
