// Datasets: immutable versions with their splits, the quality report of a version (each check's
// status and how many items it flagged, as a chart), and its lineage graph.
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { api } from '../api/api-client';
import type { Dataset, DatasetVersion, Lineage, List, QualityCheck, QualityReport } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { formatAgo, formatNumber } from '../components/format';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import type { PageProps } from './page-list';

export function DatasetsPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const datasets = useApi<List<Dataset>>(capabilities.has('/api/datasets') ? '/api/datasets' : null, { refreshMs: 10_000 });
  const [name, version] = params;

  if (capabilities.loaded && !capabilities.has('/api/datasets')) {
    return (
      <>
        <PageHeader title="Datasets" />
        <ApiMissing api="/api/datasets" what="Datasets" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Datasets" subtitle="Immutable, content-hashed versions with quality checks and lineage." />
      <div className={name ? 'split' : undefined}>
        <Card title="Datasets">
          <ErrorNotice error={datasets.error} />
          {!datasets.data ? (
            <Loading error={datasets.error} />
          ) : (
            <DataTable
              label="datasets"
              rows={datasets.data.data}
              rowKey={(dataset) => dataset.name}
              selectedKey={name ?? null}
              onRowClick={(dataset) => navigate('datasets', dataset.name)}
              empty="No dataset yet (steward dataset import, or POST /api/datasets)."
              columns={[
                { header: 'Name', cell: (dataset) => <strong>{dataset.name}</strong> },
                { header: 'Description', wrap: true, cell: (dataset) => dataset.description || '—' },
                { header: 'Latest', align: 'right', cell: (dataset) => (dataset.latestVersion === null ? '—' : `v${dataset.latestVersion}`) },
                { header: 'Updated', cell: (dataset) => formatAgo(dataset.updatedAt) },
              ]}
            />
          )}
        </Card>
        {name && <DatasetDetail name={name} version={version ? Number(version) : null} />}
      </div>
    </>
  );
}

function DatasetDetail({ name, version }: { name: string; version: number | null }) {
  const base = `/api/datasets/${encodeURIComponent(name)}`;
  const versions = useApi<List<DatasetVersion>>(`${base}/versions`);
  const shown = version ?? versions.data?.data[0]?.version ?? null;
  return (
    <div>
      <Card title={`${name} — versions`} actions={<button type="button" className="button button-secondary" onClick={() => navigate('datasets')}>Close</button>}>
        <ErrorNotice error={versions.error} />
        {versions.data && (
          <DataTable
            label="dataset versions"
            rows={versions.data.data}
            rowKey={(row) => String(row.version)}
            selectedKey={shown === null ? null : String(shown)}
            onRowClick={(row) => navigate('datasets', name, row.version)}
            columns={[
              { header: 'Version', cell: (row) => <strong>v{row.version}</strong> },
              { header: 'Items', align: 'right', cell: (row) => formatNumber(row.itemCount) },
              { header: 'Splits', cell: (row) => Object.entries(row.splits).map(([split, count]) => `${split} ${count}`).join(' · ') || '—' },
              { header: 'Made by', cell: (row) => <Badge value={row.operation} tone="info" /> },
              { header: 'Hash', cell: (row) => <span className="mono">{row.hash.slice(0, 12)}</span> },
              { header: 'Created', cell: (row) => formatAgo(row.createdAt) },
            ]}
          />
        )}
      </Card>
      {shown !== null && (
        <>
          <QualityCard base={`${base}/versions/${shown}`} />
          <LineageCard base={`${base}/versions/${shown}`} />
        </>
      )}
    </div>
  );
}

function QualityCard({ base }: { base: string }) {
  const report = useApi<QualityReport>(`${base}/quality`);
  const [running, setRunning] = useState(false);
  const { can } = useRole();
  const [error, setError] = useState<Error | undefined>();
  const missing = report.error && 'status' in report.error && report.error.status === 404;

  async function run() {
    setRunning(true);
    setError(undefined);
    try {
      await api(`${base}/quality`, { method: 'POST', body: {} });
      report.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setRunning(false);
    }
  }

  const checks = report.data?.report.checks ?? [];
  return (
    <Card
      title={
        <span>
          Quality {report.data && <Badge value={report.data.status} />}
        </span>
      }
      actions={
        can('developer') ? (
          <button type="button" className="button button-secondary" disabled={running} onClick={run}>
            {running ? 'Checking…' : 'Run checks'}
          </button>
        ) : undefined
      }
    >
      <ErrorNotice error={missing ? undefined : (report.error ?? error)} />
      {missing && !report.data && <div className="empty">No quality report yet for this version.</div>}
      {checks.length > 0 && (
        <>
          <Chart label="quality checks" height={checks.length * 24 + 40} option={qualityOption(checks)} />
          <DataTable
            label="quality checks"
            rows={checks}
            rowKey={(check) => check.check}
            columns={[
              { header: 'Check', cell: (check) => check.check.replaceAll('_', ' ') },
              { header: 'Status', cell: (check) => <Badge value={check.status} /> },
              { header: 'Finding', wrap: true, cell: (check) => check.summary },
            ]}
          />
        </>
      )}
    </Card>
  );
}

const STATUS_COLOURS: Record<string, string> = { pass: '#14a37f', warn: '#e8871e', fail: '#d64545' };

function qualityOption(checks: QualityCheck[]): EChartsOption {
  const rows = [...checks].reverse();
  return {
    grid: { left: 170, right: 24, top: 8, bottom: 36 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: 'items flagged', nameLocation: 'middle', nameGap: 20, minInterval: 1, splitLine: { lineStyle: { color: '#eef0f4' } } },
    yAxis: { type: 'category', data: rows.map((check) => check.check.replaceAll('_', ' ')) },
    series: [{ type: 'bar', barMaxWidth: 14, data: rows.map((check) => ({ value: check.indices.length, itemStyle: { color: STATUS_COLOURS[check.status] ?? '#9ca3af' } })) }],
  };
}

function LineageCard({ base }: { base: string }) {
  const lineage = useApi<Lineage>(`${base}/lineage?direction=up`);
  const data = lineage.data;
  return (
    <Card title="Lineage (what this version was made from)">
      <ErrorNotice error={lineage.error} />
      {data && data.nodes.length > 1 ? <Chart label="lineage" height={Math.max(160, 60 * Math.max(...depthCounts(data)))} option={lineageOption(data)} /> : data && <div className="empty">This version was made directly (no parent versions).</div>}
    </Card>
  );
}

function depthCounts(lineage: Lineage): number[] {
  const counts = new Map<number, number>();
  for (const node of lineage.nodes) counts.set(node.depth, (counts.get(node.depth) ?? 0) + 1);
  return [...counts.values()];
}

function lineageOption(lineage: Lineage): EChartsOption {
  const placed = new Map<number, number>();
  const maxDepth = Math.max(...lineage.nodes.map((node) => node.depth));
  return {
    tooltip: { formatter: (param) => String((param as { data?: { tip?: string } }).data?.tip ?? '') },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        symbol: 'roundRect',
        symbolSize: [120, 34],
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        label: { show: true, color: '#fff', fontSize: 11 },
        lineStyle: { color: '#9aa5b8', width: 1.5 },
        data: lineage.nodes.map((node) => {
          const row = placed.get(node.depth) ?? 0;
          placed.set(node.depth, row + 1);
          return {
            name: node.id,
            value: node.itemCount,
            x: (maxDepth - node.depth) * 170,
            y: row * 60,
            label: { formatter: `${node.dataset} v${node.version}` },
            itemStyle: { color: node.depth === 0 ? '#4f6bed' : '#64748b' },
            tip: `${node.label}: ${node.operation}, ${node.itemCount} items`,
          };
        }),
        links: lineage.edges.map((edge) => ({ source: edge.from, target: edge.to })),
      },
    ],
  };
}
