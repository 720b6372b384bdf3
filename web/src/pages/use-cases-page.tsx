// Use cases: each one's objective and owners, its links to routes, models, datasets and gates, and
// every KPI's threshold against its live value (route roll-ups over a window) and its offline value
// (the latest finished evaluation run), as a chart with the threshold marked and a met / missed /
// no data badge; the gates derived from the KPIs. Read-only: use cases are declared with steward apply.
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { withQuery } from '../api/api-client';
import type { List, UseCase, UseCaseDerived, UseCaseStatus } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { formatTime } from '../components/format';
import { ApiMissing, Empty, ErrorNotice, Loading } from '../components/notices';
import { href } from '../router/hash-route';
import type { PageProps } from './page-list';

const API = '/api/use-cases';

type KpiStatus = UseCaseStatus['kpis'][number];
type KpiState = KpiStatus['status'];

const WINDOWS = [
  { hours: 1, label: 'last hour' },
  { hours: 24, label: 'last 24 hours' },
  { hours: 168, label: 'last 7 days' },
];

const STATE_TONE: Record<KpiState, 'good' | 'bad' | 'muted'> = { met: 'good', missed: 'bad', no_data: 'muted' };
const STATE_TEXT: Record<KpiState, string> = { met: 'met', missed: 'missed', no_data: 'no data' };
const COLOURS = { met: '#0f8a67', missed: '#c93636', threshold: '#374151' };

function StateBadge({ state }: { state: KpiState }) {
  return <Badge value={STATE_TEXT[state]} tone={STATE_TONE[state]} />;
}

/**
 * The unit a KPI's metric is measured in: `format` words a value, `scale` and `axis` are the
 * chart's (a cost per request is charted per 1,000 requests, so its axis reads in cents, not in
 * ten-thousandths of a dollar).
 */
interface Unit {
  axis: string;
  scale: number;
  format(value: number): string;
  formatAxis(value: number): string;
  /** The axis ends here at least (a 0–1 score is charted to 1). */
  floor: number;
}

function unitOf(metric: string): Unit {
  const plain = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));
  if (metric.endsWith('_ms')) {
    return { axis: 'milliseconds', scale: 1, format: (v) => `${Math.round(v).toLocaleString('en-US')} ms`, formatAxis: (v) => Math.round(v).toLocaleString('en-US'), floor: 0 };
  }
  if (metric.endsWith('_usd')) return { axis: 'USD per 1,000 requests', scale: 1000, format: (v) => `$${v.toFixed(4)}`, formatAxis: (v) => `$${plain(v)}`, floor: 0 };
  if (metric.endsWith('_rate')) {
    const percent = (v: number) => `${Number((v * 100).toPrecision(3))}%`;
    return { axis: 'share of requests', scale: 1, format: percent, formatAxis: percent, floor: 0 };
  }
  if (metric === 'feedback_score') return { axis: 'feedback score', scale: 1, format: (v) => v.toFixed(2), formatAxis: plain, floor: 0 };
  return { axis: 'score (0–1)', scale: 1, format: (v) => v.toFixed(3), formatAxis: plain, floor: 1 };
}

/** The smallest 1, 2 or 5 × 10^k at or above `value`: an axis end that reads well. */
function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value * (1 - 1e-9)) ?? 10;
  return step * power;
}

export function UseCasesPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const list = useApi<List<UseCase>>(capabilities.has(API) ? API : null, { refreshMs: 30_000 });
  const [windowHours, setWindowHours] = useState(24);
  const shown = params[0] ? (list.data?.data ?? []).filter((u) => u.name === params[0]) : (list.data?.data ?? []);

  if (capabilities.loaded && !capabilities.has(API)) {
    return (
      <>
        <PageHeader title="Use cases" />
        <ApiMissing api={API} what="Use cases" />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Use cases"
        subtitle="What each use case is for, who owns it, and its KPIs against live traffic and the latest evaluation. Declared with steward apply."
        actions={
          <label className="row">
            Live window
            <select aria-label="Live window" value={windowHours} onChange={(event) => setWindowHours(Number(event.target.value))}>
              {WINDOWS.map((w) => (
                <option key={w.hours} value={w.hours}>
                  {w.label}
                </option>
              ))}
            </select>
          </label>
        }
      />
      <ErrorNotice error={list.error} />
      {!list.data ? (
        <Loading error={list.error} />
      ) : shown.length === 0 ? (
        <Card>
          <Empty>{params[0] ? `No use case ${params[0]}.` : 'No use case yet: declare one under useCases: in steward.yaml and run steward apply.'}</Empty>
        </Card>
      ) : (
        shown.map((useCase) => <UseCaseCard key={useCase.name} useCase={useCase} windowHours={windowHours} />)
      )}
    </>
  );
}

function Links({ label, names, page }: { label: string; names: string[]; page: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="chips">
        {names.length === 0
          ? 'none'
          : names.map((name) => (
              <a key={name} href={page === 'evals' ? href(page) : href(page, name)}>
                <Badge value={name} tone="info" />
              </a>
            ))}
      </dd>
    </>
  );
}

function UseCaseCard({ useCase, windowHours }: { useCase: UseCase; windowHours: number }) {
  const base = `${API}/${encodeURIComponent(useCase.name)}`;
  const status = useApi<UseCaseStatus>(withQuery(`${base}/status`, { windowHours }), { refreshMs: 30_000 });
  const derived = useApi<UseCaseDerived>(`${base}/derived`);
  return (
    <Card title={<a href={href('use-cases', useCase.name)}>{useCase.name}</a>} actions={status.data && <StateBadge state={status.data.status} />}>
      <div className="stack" data-use-case={useCase.name}>
        <p style={{ margin: 0 }}>{useCase.objective}</p>
        <dl className="facts">
          <dt>Owners</dt>
          <dd>{useCase.owners.length ? useCase.owners.join(', ') : 'none'}</dd>
          <Links label="Routes" names={useCase.routes} page="routes" />
          <Links label="Models" names={useCase.models} page="models" />
          <Links label="Datasets" names={useCase.datasets} page="datasets" />
          <Links label="Gates" names={useCase.gates} page="evals" />
        </dl>
        <ErrorNotice error={status.error} />
        {useCase.kpis.length === 0 ? (
          <Empty>No KPI declared.</Empty>
        ) : !status.data ? (
          <Loading error={status.error} />
        ) : (
          <>
            <div className="muted">
              Live window: {formatTime(status.data.window.from)} – {formatTime(status.data.window.to)}
            </div>
            <div className="grid grid-3">
              {status.data.kpis.map((kpi) => (
                <KpiCard key={kpi.name} kpi={kpi} />
              ))}
            </div>
          </>
        )}
        <h3 style={{ margin: '8px 0 0' }}>Derived gates</h3>
        <ErrorNotice error={derived.error} />
        {derived.data && (
          <DataTable
            label={`gates derived from ${useCase.name}`}
            rows={derived.data.gates}
            rowKey={(gate) => gate.name}
            empty="No KPI an evaluation run can check: nothing to derive."
            columns={[
              { header: 'Gate', cell: (gate) => <strong>{gate.name}</strong> },
              { header: 'Dataset', cell: (gate) => <a href={href('datasets', gate.dataset)}>{gate.dataset}</a> },
              { header: 'Rules', wrap: true, cell: (gate) => gate.rules.join(' · ') },
              {
                header: 'Canary guard on',
                wrap: true,
                cell: (gate) =>
                  derived.data?.guards.evalGates
                    .filter((guard) => guard.gate === gate.name)
                    .map((guard) => guard.model)
                    .join(', ') || '—',
              },
            ]}
          />
        )}
      </div>
    </Card>
  );
}

function KpiCard({ kpi }: { kpi: KpiStatus }) {
  const unit = unitOf(kpi.metric);
  const option = useMemo(() => kpiChart(kpi), [kpi]);
  return (
    <section className="card" data-kpi={kpi.name} style={{ marginBottom: 0 }}>
      <header className="card-header">
        <h2>{kpi.name}</h2>
        <div className="card-actions">
          <StateBadge state={kpi.status} />
        </div>
      </header>
      <div className="card-body">
        <div className="muted">
          {kpi.metric} {kpi.op} {unit.format(kpi.threshold)}
        </div>
        <Chart label={`KPI ${kpi.name}`} option={option} height={130} />
        <div className="muted">
          Live: {kpi.live ? `${unit.format(kpi.live.value)}${unit.scale === 1 ? '' : ' per request'} over ${kpi.live.requests.toLocaleString('en-US')} requests` : 'no data'}
          <br />
          Offline:{' '}
          {kpi.offline ? (
            <>
              {unit.format(kpi.offline.value)} on {kpi.offline.dataset} (<a href={href('evals', kpi.offline.runId)}>{kpi.offline.target}</a>)
            </>
          ) : (
            'no data'
          )}
        </div>
      </div>
    </section>
  );
}

/** Live and offline as horizontal bars (green met, red missed), the threshold a marked line. */
function kpiChart(kpi: KpiStatus): EChartsOption {
  const unit = unitOf(kpi.metric);
  // Bottom to top: live on top.
  const readings = [
    { name: 'Offline', reading: kpi.offline },
    { name: 'Live', reading: kpi.live },
  ];
  const scaled = (value: number) => value * unit.scale;
  // Figures on the chart: in the KPI's own unit, or in the axis's when it is scaled.
  const shown = (value: number) => (unit.scale === 1 ? unit.format(value) : unit.formatAxis(scaled(value)));
  const highest = Math.max(scaled(kpi.threshold), ...readings.map((r) => (r.reading ? scaled(r.reading.value) : 0)));
  const max = Math.max(unit.floor, niceCeil(highest * 1.15));
  return {
    grid: { left: 8, right: 52, top: 22, bottom: 30, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max,
      name: unit.axis,
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: '#6b7280' },
      splitNumber: 5,
      axisLabel: { color: '#6b7280', hideOverlap: true, formatter: (value: number) => unit.formatAxis(value) },
      splitLine: { lineStyle: { color: '#eef0f4' } },
    },
    yAxis: { type: 'category', data: readings.map((r) => r.name), axisLabel: { color: '#374151' } },
    tooltip: { trigger: 'item', formatter: (item: unknown) => tooltipOf(item, kpi) },
    series: [
      {
        type: 'bar',
        barWidth: 16,
        data: readings.map((r) => ({
          value: r.reading ? scaled(r.reading.value) : 0,
          itemStyle: { color: !r.reading ? 'transparent' : r.reading.met ? COLOURS.met : COLOURS.missed },
          label: { show: true, position: 'right', formatter: () => (r.reading ? shown(r.reading.value) : 'no data'), color: r.reading ? '#374151' : '#9ca3af' },
        })),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: COLOURS.threshold, type: 'dashed', width: 2 },
          label: { formatter: `threshold ${kpi.op} ${shown(kpi.threshold)}`, position: 'end', color: COLOURS.threshold },
          data: [{ xAxis: scaled(kpi.threshold) }],
        },
      },
    ],
  };
}

function tooltipOf(item: unknown, kpi: KpiStatus): string {
  const name = (item as { name?: string }).name;
  const reading = name === 'Live' ? kpi.live : kpi.offline;
  const unit = unitOf(kpi.metric);
  if (!reading) return `${name}: no data`;
  return `${name}: ${unit.format(reading.value)} (${reading.met ? 'meets' : 'misses'} ${kpi.op} ${unit.format(kpi.threshold)})`;
}
