// Overview: live traffic of the gateway — requests, error rate, latency p50/p95, tokens and cost —
// refreshed every few seconds, plus what is running elsewhere (training jobs).
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { withQuery } from '../api/api-client';
import type { Page, Trace, TrainingJob } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Card, PageHeader, StatCard } from '../components/card';
import { Chart, timeAxes } from '../components/chart';
import { formatMs, formatNumber, formatPercent, formatUsd } from '../components/format';
import { ApiMissing, ErrorNotice } from '../components/notices';
import { ProgressBar } from '../components/progress-bar';
import { href } from '../router/hash-route';
import type { PageProps } from './page-list';
import { type Bucket, byRoute, rollUp, totals } from './overview/trace-rollup';

const WINDOWS = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
] as const;
const REFRESH_MS = 5000;
const BUCKETS = 30;
const SAMPLE = 500;

export function OverviewPage(_props: PageProps) {
  const capabilities = useCapabilities();
  const [windowId, setWindowId] = useState<(typeof WINDOWS)[number]['id']>('15m');
  const span = WINDOWS.find((entry) => entry.id === windowId)?.ms ?? WINDOWS[0].ms;
  // The newest requests, cut to the window here: a fixed path keeps the live chart from flickering.
  const traces = useApi<Page<Trace>>(capabilities.has('/api/traces') ? withQuery('/api/traces', { limit: SAMPLE }) : null, { refreshMs: REFRESH_MS });
  const jobs = useApi<Page<TrainingJob>>(capabilities.has('/api/training/jobs') ? withQuery('/api/training/jobs', { state: 'running', limit: 5 }) : null, { refreshMs: REFRESH_MS });

  const view = useMemo(() => {
    const to = Date.now();
    const from = to - span;
    const inWindow = (traces.data?.data ?? []).filter((trace) => Date.parse(trace.createdAt) >= from);
    return { buckets: rollUp(inWindow, from, to, span / BUCKETS), totals: totals(inWindow), routes: byRoute(inWindow), sampled: (traces.data?.data.length ?? 0) >= SAMPLE };
  }, [traces.data, span]);

  if (capabilities.loaded && !capabilities.has('/api/traces')) {
    return (
      <>
        <PageHeader title="Overview" />
        <ApiMissing api="/api/traces" what="Traffic metrics" />
      </>
    );
  }

  const t = view.totals;
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={`Gateway traffic, refreshed every ${REFRESH_MS / 1000} s${view.sampled ? ` (the latest ${SAMPLE} requests)` : ''}`}
        actions={
          <select aria-label="Time window" value={windowId} onChange={(event) => setWindowId(event.target.value as typeof windowId)}>
            {WINDOWS.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
        }
      />
      <ErrorNotice error={traces.error} />
      <div className="grid grid-stats">
        <StatCard label="Requests" value={formatNumber(t.requests)} hint={`${formatNumber(t.errors)} failed`} />
        <StatCard label="Error rate" value={formatPercent(t.errorRate)} tone={t.errorRate > 0.05 ? 'bad' : t.requests ? 'good' : undefined} />
        <StatCard label="Latency p50" value={formatMs(t.p50)} />
        <StatCard label="Latency p95" value={formatMs(t.p95)} />
        <StatCard label="Tokens" value={formatNumber(t.tokens)} />
        <StatCard label="Cost" value={formatUsd(t.costUsd)} />
      </div>
      <div className="grid grid-2">
        <Card title="Requests and errors">
          <Chart label="requests" option={requestsOption(view.buckets)} />
        </Card>
        <Card title="Latency">
          <Chart label="latency" option={latencyOption(view.buckets)} />
        </Card>
        <Card title="Tokens">
          <Chart label="tokens" option={tokensOption(view.buckets)} />
        </Card>
        <Card title="Cost">
          <Chart label="cost" option={costOption(view.buckets)} />
        </Card>
      </div>
      <div className="grid grid-2">
        <Card title="Requests by route">
          <Chart label="by route" height={Math.max(160, view.routes.length * 28 + 40)} option={routesOption(view.routes)} />
        </Card>
        <Card title="Training jobs running" actions={<a href={href('training')}>All jobs →</a>}>
          {!jobs.data?.data.length ? (
            <div className="empty">No job is running.</div>
          ) : (
            jobs.data.data.map((job) => (
              <div key={job.id} className="row" style={{ marginBottom: 8 }}>
                <a href={href('training', job.id)} style={{ minWidth: 140 }}>
                  {job.name}
                </a>
                <div className="spacer">
                  <ProgressBar value={job.progress} etaSeconds={job.etaSeconds} state={job.state} label={`${job.name} progress`} />
                </div>
              </div>
            ))
          )}
        </Card>
      </div>
    </>
  );
}

const point = (bucket: Bucket, value: number | null): [number, number | null] => [bucket.at, value];

function requestsOption(buckets: Bucket[]): EChartsOption {
  return {
    ...timeAxes('requests'),
    legend: { top: 0, right: 0 },
    series: [
      { name: 'requests', type: 'line', smooth: true, showSymbol: false, areaStyle: { opacity: 0.12 }, data: buckets.map((b) => point(b, b.requests)) },
      { name: 'errors', type: 'line', smooth: true, showSymbol: false, color: '#d64545', data: buckets.map((b) => point(b, b.errors)) },
    ],
  };
}

function latencyOption(buckets: Bucket[]): EChartsOption {
  return {
    ...timeAxes('ms', (value) => formatMs(value)),
    legend: { top: 0, right: 0 },
    series: [
      { name: 'p50', type: 'line', smooth: true, symbolSize: 5, connectNulls: true, data: buckets.map((b) => point(b, b.p50)) },
      { name: 'p95', type: 'line', smooth: true, symbolSize: 5, connectNulls: true, color: '#e8871e', data: buckets.map((b) => point(b, b.p95)) },
    ],
  };
}

function tokensOption(buckets: Bucket[]): EChartsOption {
  return {
    ...timeAxes('tokens'),
    legend: { top: 0, right: 0 },
    series: [
      { name: 'input', type: 'bar', stack: 'tokens', data: buckets.map((b) => point(b, b.tokensIn)) },
      { name: 'output', type: 'bar', stack: 'tokens', color: '#14a37f', data: buckets.map((b) => point(b, b.tokensOut)) },
    ],
  };
}

function costOption(buckets: Bucket[]): EChartsOption {
  let running = 0;
  return {
    ...timeAxes('USD', (value) => formatUsd(value)),
    legend: { top: 0, right: 0 },
    series: [
      { name: 'per bucket', type: 'bar', color: '#8e5bd6', data: buckets.map((b) => point(b, b.costUsd)) },
      {
        name: 'cumulative',
        type: 'line',
        showSymbol: false,
        color: '#b8860b',
        data: buckets.map((b) => {
          running += b.costUsd;
          return point(b, running);
        }),
      },
    ],
  };
}

function routesOption(routes: ReturnType<typeof byRoute>): EChartsOption {
  const top = routes.slice(0, 12).reverse();
  return {
    grid: { left: 120, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eef0f4' } } },
    yAxis: { type: 'category', data: top.map((route) => route.name), axisLabel: { width: 110, overflow: 'truncate' } },
    tooltip: {
      trigger: 'item',
      formatter: (param) => {
        const route = top[(param as { dataIndex: number }).dataIndex];
        return `${route.name}<br/>${route.requests} requests · ${formatPercent(route.errorRate)} errors · p95 ${formatMs(route.p95)}`;
      },
    },
    series: [{ type: 'bar', data: top.map((route) => route.requests), barMaxWidth: 18 }],
  };
}
