// Overview: gateway traffic from the server's roll-ups (/api/metrics/timeseries) over a chosen
// range, 15 minutes to 30 days — requests, errors, latency, tokens and cost — broken down per
// route and per model, plus the training jobs running now.
import type { EChartsOption } from 'echarts';
import { useEffect, useState } from 'react';
import { withQuery } from '../api/api-client';
import type { Page, Prices, TrainingJob } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Card, PageHeader, StatCard } from '../components/card';
import { Chart, timeAxes } from '../components/chart';
import { formatMs, formatNumber, formatPercent, formatUsd } from '../components/format';
import { ApiMissing, ErrorNotice } from '../components/notices';
import { ProgressBar } from '../components/progress-bar';
import { href } from '../router/hash-route';
import { BreakdownCard } from './overview/breakdown-card';
import { type Series, total, useMetricSeries, weightedMean, worst } from './overview/metric-series';
import { RANGES, type RangeId, rangeOf } from './overview/time-ranges';
import type { PageProps } from './page-list';

const REFRESH_MS = 10_000;
const METRICS = ['requests', 'errors', 'latency_avg', 'latency_p50', 'latency_p95', 'tokens_in', 'tokens_out', 'cost_usd'] as const;
const RANGE_STORAGE = 'steward.overviewRange';
const SERIES_API = '/api/metrics/timeseries';


export function OverviewPage(_props: PageProps) {
  const capabilities = useCapabilities();
  const [rangeId, setRangeId] = useState<RangeId>(() => rangeOf(localStorage.getItem(RANGE_STORAGE) ?? '15m').id);
  const range = rangeOf(rangeId);
  const available = capabilities.has(SERIES_API);
  const window_ = useMetricSeries({ metrics: METRICS, rangeMs: range.ms, step: range.step, refreshMs: REFRESH_MS, enabled: available });
  const jobs = useApi<Page<TrainingJob>>(capabilities.has('/api/training/jobs') ? withQuery('/api/training/jobs', { state: 'running', limit: 5 }) : null, { refreshMs: REFRESH_MS });
  const prices = useApi<Prices>(capabilities.has('/api/prices') ? '/api/prices' : null);
  useEffect(() => localStorage.setItem(RANGE_STORAGE, rangeId), [rangeId]);

  if (capabilities.loaded && !available) {
    return (
      <>
        <PageHeader title="Overview" />
        <ApiMissing api={SERIES_API} what="Traffic metrics" />
      </>
    );
  }

  const s = window_.series;
  const requests = total(s?.requests);
  const errors = total(s?.errors);
  const tokens = total(s?.tokens_in) + total(s?.tokens_out);
  const cost = total(s?.cost_usd);
  const unpriced = prices.data !== undefined && prices.data.data.length === 0;
  const costHint = unpriced ? 'No price is configured: costs read $0 until an admin sets prices (PUT /api/prices).' : cost === 0 && tokens > 0 ? 'No configured price matches these models.' : `${range.step === 'minute' ? 'per-minute' : 'hourly'} roll-ups`;
  const stepWord = range.step === 'minute' ? 'minute' : 'hour';

  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={`Gateway traffic from the roll-ups, ${stepWord === 'minute' ? 'per minute' : 'per hour'}, refreshed every ${REFRESH_MS / 1000} s.`}
        actions={
          <fieldset className="range-picker" aria-label="Time range">
            {RANGES.map((entry) => (
              <button key={entry.id} type="button" aria-pressed={entry.id === rangeId} onClick={() => setRangeId(entry.id)}>
                {entry.label}
              </button>
            ))}
          </fieldset>
        }
      />
      <ErrorNotice error={window_.error} />
      <div className="grid grid-stats">
        <StatCard label="Requests" value={s ? formatNumber(requests) : '…'} hint={`${formatNumber(errors)} failed`} />
        <StatCard label="Error rate" value={s ? formatPercent(requests ? errors / requests : 0) : '…'} tone={requests && errors / requests > 0.05 ? 'bad' : requests ? 'good' : undefined} />
        <StatCard label="Latency avg" value={formatMs(weightedMean(s?.latency_avg, s?.requests))} />
        <StatCard label="Latency p95" value={formatMs(worst(s?.latency_p95))} hint={`worst ${stepWord}`} />
        <StatCard label="Tokens" value={s ? formatNumber(tokens) : '…'} hint={`${formatNumber(total(s?.tokens_in))} in · ${formatNumber(total(s?.tokens_out))} out`} />
        <StatCard label="Cost" value={s ? formatUsd(cost) : '…'} hint={<span data-testid="cost-hint">{costHint}</span>} tone={unpriced ? 'warn' : undefined} />
      </div>
      <div className="grid grid-2">
        <Card title="Requests and errors">
          <Chart label="requests" option={countOption(window_.grid, [{ name: 'requests', data: s?.requests }, { name: 'errors', data: s?.errors, color: '#d64545' }], `requests / ${stepWord}`)} />
        </Card>
        <Card title="Latency">
          <Chart label="latency" option={latencyOption(window_.grid, s?.latency_p50, s?.latency_p95)} />
        </Card>
        <Card title="Tokens">
          <Chart label="tokens" option={tokensOption(window_.grid, s?.tokens_in, s?.tokens_out, stepWord)} />
        </Card>
        <Card title="Cost">
          <Chart label="cost" option={costOption(window_.grid, s?.cost_usd, stepWord)} />
        </Card>
      </div>
      <div>
        {available && <BreakdownCard by="route" rangeMs={range.ms} step={range.step} refreshMs={REFRESH_MS * 3} priced={!unpriced} />}
        {available && <BreakdownCard by="model" rangeMs={range.ms} step={range.step} refreshMs={REFRESH_MS * 3} priced={!unpriced} />}
      </div>
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
    </>
  );
}

const pairs = (grid: number[], data: Series | undefined, fill: number | null): [number, number | null][] => grid.map((t, index) => [t, data?.[index] ?? fill]);

function countOption(grid: number[], lines: { name: string; data: Series | undefined; color?: string }[], yName: string): EChartsOption {
  return {
    ...timeAxes(yName),
    legend: { top: 0, right: 0 },
    series: lines.map((line, index) => ({ name: line.name, type: 'line', showSymbol: grid.length < 40, color: line.color, areaStyle: index === 0 ? { opacity: 0.12 } : undefined, data: pairs(grid, line.data, 0) })),
  };
}

function latencyOption(grid: number[], p50: Series | undefined, p95: Series | undefined): EChartsOption {
  return {
    ...timeAxes('latency (ms)', (value) => formatMs(value)),
    legend: { top: 0, right: 0 },
    series: [
      { name: 'p50', type: 'line', symbolSize: 5, connectNulls: true, data: pairs(grid, p50, null) },
      { name: 'p95', type: 'line', symbolSize: 5, connectNulls: true, color: '#e8871e', data: pairs(grid, p95, null) },
    ],
  };
}

function tokensOption(grid: number[], input: Series | undefined, output: Series | undefined, step: string): EChartsOption {
  return {
    ...timeAxes(`tokens / ${step}`),
    legend: { top: 0, right: 0 },
    series: [
      { name: 'input', type: 'bar', stack: 'tokens', data: pairs(grid, input, 0) },
      { name: 'output', type: 'bar', stack: 'tokens', color: '#14a37f', data: pairs(grid, output, 0) },
    ],
  };
}

function costOption(grid: number[], cost: Series | undefined, step: string): EChartsOption {
  let running = 0;
  return {
    ...timeAxes('USD', (value) => formatUsd(value)),
    legend: { top: 0, right: 0 },
    series: [
      { name: `per ${step}`, type: 'bar', color: '#8e5bd6', data: pairs(grid, cost, 0) },
      {
        name: 'cumulative',
        type: 'line',
        showSymbol: false,
        color: '#b8860b',
        data: grid.map((t, index) => {
          running += cost?.[index] ?? 0;
          return [t, running];
        }),
      },
    ],
  };
}
