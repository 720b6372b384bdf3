// Drift: each monitor, the latest result per feature (test, statistic against its threshold,
// drifted or not), and the history of every feature's statistic as a chart; a developer can run a
// monitor now.
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { api, withQuery } from '../api/api-client';
import type { DriftMonitor, DriftResult, List } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Chart, timeAxes } from '../components/chart';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { formatAgo, formatNumber, formatTime } from '../components/format';
import { JsonView } from '../components/json-view';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import type { PageProps } from './page-list';

const API = '/api/drift/monitors';

export function DriftPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const monitors = useApi<List<DriftMonitor>>(capabilities.has(API) ? API : null, { refreshMs: 15_000 });
  const selected = params[0] ?? monitors.data?.data[0]?.name ?? null;

  if (capabilities.loaded && !capabilities.has(API)) {
    return (
      <>
        <PageHeader title="Drift" />
        <ApiMissing api={API} what="Drift monitors" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Drift" subtitle="Live traffic compared with a reference window or dataset, feature by feature." />
      <Card title="Monitors">
        <ErrorNotice error={monitors.error} />
        {!monitors.data ? (
          <Loading error={monitors.error} />
        ) : (
          <DataTable
            label="drift monitors"
            rows={monitors.data.data}
            rowKey={(monitor) => monitor.name}
            selectedKey={selected}
            onRowClick={(monitor) => navigate('drift', monitor.name)}
            empty="No drift monitor yet (POST /api/drift/monitors)."
            columns={[
              { header: 'Name', cell: (monitor) => <strong>{monitor.name}</strong> },
              { header: 'Watches', cell: (monitor) => monitor.config.route ?? monitor.config.model ?? 'all traffic' },
              { header: 'Features', wrap: true, cell: (monitor) => monitor.config.features.join(', ') },
              { header: 'Reference', cell: (monitor) => <Reference reference={monitor.config.reference} /> },
              { header: 'Id', cell: (monitor) => <Id value={monitor.id} short /> },
              { header: 'Created', cell: (monitor) => formatAgo(monitor.createdAt) },
            ]}
          />
        )}
      </Card>
      {selected && monitors.data?.data.some((monitor) => monitor.name === selected) && <MonitorDetail monitor={monitors.data.data.find((monitor) => monitor.name === selected) as DriftMonitor} />}
    </>
  );
}

function Reference({ reference }: { reference: DriftMonitor['config']['reference'] }) {
  return reference.kind === 'dataset' ? (
    <span className="row" style={{ gap: 4 }}>
      dataset <Id value={reference.datasetVersionId} short />
    </span>
  ) : (
    <>earlier window</>
  );
}

/** What the threshold is compared with: a test with a p-value drifts below it, a distance above it. */
const scoreOf = (row: DriftResult) => row.pValue ?? row.statistic;

function MonitorDetail({ monitor }: { monitor: DriftMonitor }) {
  const { can } = useRole();
  const base = `${API}/${encodeURIComponent(monitor.id)}`;
  const results = useApi<List<DriftResult>>(withQuery(`${base}/results`, { limit: 500 }), { refreshMs: 15_000 });
  const [error, setError] = useState<Error | undefined>();
  const [running, setRunning] = useState(false);

  async function runNow() {
    setRunning(true);
    setError(undefined);
    try {
      await api(`${base}/run`, { method: 'POST', body: {} });
      results.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setRunning(false);
    }
  }

  const rows = results.data?.data ?? [];
  // Results come newest first: the first of each feature is its latest.
  const latest = [...new Map(rows.map((row) => [row.feature, row] as const).reverse()).values()].sort((a, b) => a.feature.localeCompare(b.feature));
  return (
    <>
      <Card
        title={`${monitor.name} — latest results`}
        actions={
          can('developer') ? (
            <button type="button" className="button button-secondary" disabled={running} onClick={runNow}>
              {running ? 'Running…' : 'Run now'}
            </button>
          ) : undefined
        }
      >
        <ErrorNotice error={results.error ?? error} />
        {!results.data ? (
          <Loading error={results.error} />
        ) : (
          <DataTable
            label="latest drift results"
            rows={latest}
            rowKey={(row) => row.feature}
            empty="No result yet: the monitor has not run."
            columns={[
              { header: 'Feature', cell: (row) => <strong>{row.feature}</strong> },
              { header: 'Drift', cell: (row) => <Badge value={row.drifted ? 'drifted' : 'stable'} tone={row.drifted ? 'bad' : 'good'} /> },
              { header: 'Test', cell: (row) => row.test },
              { header: 'Statistic', align: 'right', cell: (row) => formatNumber(row.statistic, 4) },
              { header: 'Drift when', align: 'right', cell: (row) => (row.pValue === undefined ? `statistic > ${formatNumber(row.threshold, 4)}` : `p < ${formatNumber(row.threshold, 4)}`) },
              { header: 'p-value', align: 'right', cell: (row) => (row.pValue === undefined ? '—' : formatNumber(row.pValue, 4)) },
              { header: 'Samples (ref / now)', align: 'right', cell: (row) => `${formatNumber(row.nReference)} / ${formatNumber(row.nCurrent)}` },
              { header: 'At', cell: (row) => formatTime(row.at) },
            ]}
          />
        )}
      </Card>
      <div className="grid grid-2">
        <Card title="Drift score over time">{rows.length ? <Chart label="drift history" height={280} option={historyOption(rows)} /> : <div className="empty">No history yet.</div>}</Card>
        <Card title="Configuration">
          <JsonView value={monitor.config} maxHeight={280} />
        </Card>
      </div>
    </>
  );
}

function historyOption(rows: DriftResult[]): EChartsOption {
  const features = [...new Set(rows.map((row) => row.feature))].sort();
  const thresholds = [...new Set(rows.map((row) => row.threshold))];
  const withP = rows.filter((row) => row.pValue !== undefined).length;
  const yName = withP === rows.length ? 'p-value (drift below the line)' : withP === 0 ? 'statistic (drift above the line)' : 'p-value or statistic';
  return {
    ...timeAxes(yName),
    legend: { top: 0, right: 0 },
    series: features.map((feature, index) => ({
      name: feature,
      type: 'line',
      symbolSize: 6,
      data: rows
        .filter((row) => row.feature === feature)
        .map((row) => [Date.parse(row.at), scoreOf(row)])
        .sort((a, b) => a[0] - b[0]),
      // One threshold line when every test shares it; otherwise each series' tooltip carries its own.
      markLine:
        index === 0 && thresholds.length === 1
          ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#d64545' }, label: { formatter: `threshold ${thresholds[0]}`, position: 'insideEndTop' }, data: [{ yAxis: thresholds[0] }] }
          : undefined,
    })),
  };
}
