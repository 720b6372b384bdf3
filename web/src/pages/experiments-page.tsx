// Experiments: A-B tests on routes — each arm's live metrics, the difference of every treatment
// arm from the control with its confidence interval and p-value, and the decision (a winner, or
// what the data says so far). A developer stops an experiment, naming the winner or not.
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { api } from '../api/api-client';
import type { Experiment, ExperimentResults, List } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Chart } from '../components/chart';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { errorBarSeries } from '../components/error-bars';
import { formatAgo, formatMs, formatNumber, formatPercent, formatUsd } from '../components/format';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { TypedConfirm } from '../components/typed-confirm';
import { navigate } from '../router/hash-route';
import type { PageProps } from './page-list';

const API = '/api/experiments';

export function ExperimentsPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const experiments = useApi<List<Experiment>>(capabilities.has(API) ? API : null, { refreshMs: 10_000 });
  const selected = params[0] ?? experiments.data?.data[0]?.id ?? null;

  if (capabilities.loaded && !capabilities.has(API)) {
    return (
      <>
        <PageHeader title="Experiments" />
        <ApiMissing api={API} what="Experiments" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Experiments" subtitle="A-B tests on routes: live metrics per arm, differences with confidence intervals, and the decision." />
      <Card title="Experiments">
        <ErrorNotice error={experiments.error} />
        {!experiments.data ? (
          <Loading error={experiments.error} />
        ) : (
          <DataTable
            label="experiments"
            rows={experiments.data.data}
            rowKey={(experiment) => experiment.id}
            selectedKey={selected}
            onRowClick={(experiment) => navigate('experiments', experiment.id)}
            empty="No experiment yet (POST /api/experiments)."
            columns={[
              { header: 'Name', cell: (experiment) => <strong>{experiment.name}</strong> },
              { header: 'Route', cell: (experiment) => experiment.route },
              { header: 'Status', cell: (experiment) => <Badge value={experiment.status} tone={experiment.status === 'running' ? 'info' : 'muted'} /> },
              { header: 'Arms', wrap: true, cell: (experiment) => experiment.arms.map((arm) => `${arm.name} (${arm.weight})`).join(', ') },
              { header: 'Winner', cell: (experiment) => experiment.winner ?? '—' },
              { header: 'Id', cell: (experiment) => <Id value={experiment.id} short /> },
              { header: 'Started', cell: (experiment) => formatAgo(experiment.startedAt) },
            ]}
          />
        )}
      </Card>
      {selected && <ExperimentDetail id={selected} onChange={experiments.reload} />}
    </>
  );
}

function ExperimentDetail({ id, onChange }: { id: string; onChange(): void }) {
  const { can } = useRole();
  const results = useApi<ExperimentResults>(`${API}/${encodeURIComponent(id)}/results`, { refreshMs: 10_000 });
  const [winner, setWinner] = useState('');
  const [error, setError] = useState<Error | undefined>();
  const data = results.data;
  if (!data) return results.error ? <ErrorNotice error={results.error} /> : <Loading />;
  const experiment = data.experiment;
  const metrics = [...new Set(data.comparisons.flatMap((entry) => entry.metrics.map((metric) => metric.metric)))];

  async function stop() {
    setError(undefined);
    try {
      await api(`${API}/${encodeURIComponent(id)}/stop`, { method: 'POST', body: { winner: winner || undefined, reason: 'stopped from the dashboard' } });
      results.reload();
      onChange();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  return (
    <>
      <Card title={`${experiment.name} — decision`}>
        <div data-testid="experiment-decision" className={`notice ${experiment.winner ? 'notice-good' : 'notice-muted'}`}>
          {decisionOf(data)}
        </div>
        <ErrorNotice error={error} />
        {experiment.status === 'running' && can('developer') && (
          <TypedConfirm expected={experiment.name} action="Stop experiment" danger onConfirm={stop}>
            <label className="field">
              Winner (takes the route; none: the route before the experiment comes back)
              <select aria-label="Winner" value={winner} onChange={(event) => setWinner(event.target.value)}>
                <option value="">no winner</option>
                {experiment.arms.map((arm) => (
                  <option key={arm.name} value={arm.name}>
                    {arm.name} ({arm.model})
                  </option>
                ))}
              </select>
            </label>
          </TypedConfirm>
        )}
      </Card>
      <Card title="Arms">
        <DataTable
          label="experiment arms"
          rows={data.arms}
          rowKey={(arm) => arm.arm}
          columns={[
            { header: 'Arm', cell: (arm) => <strong>{arm.arm === data.control && arm.arm !== 'control' ? `${arm.arm} (control)` : arm.arm}</strong> },
            { header: 'Model', cell: (arm) => <span className="mono">{experiment.arms.find((entry) => entry.name === arm.arm)?.model ?? '—'}</span> },
            { header: 'Requests', align: 'right', cell: (arm) => formatNumber(arm.requests) },
            { header: 'Error rate', align: 'right', cell: (arm) => <span className={arm.errorRate ? 'text-bad' : undefined}>{formatPercent(arm.errorRate)}</span> },
            { header: 'Latency mean', align: 'right', cell: (arm) => formatMs(arm.latencyMeanMs) },
            { header: 'Latency p95', align: 'right', cell: (arm) => formatMs(arm.latencyP95Ms) },
            { header: 'Cost / request', align: 'right', cell: (arm) => formatUsd(arm.costMeanUsd) },
            { header: 'Feedback', align: 'right', cell: (arm) => (arm.feedbackCount ? `${formatNumber(arm.feedbackMean, 2)} (${arm.feedbackCount})` : '—') },
          ]}
        />
        {data.unassigned > 0 && <div className="muted">{formatNumber(data.unassigned)} requests were not assigned to an arm.</div>}
      </Card>
      <Card title="Differences from the control (95% confidence intervals)">
        {metrics.length === 0 ? (
          <div className="empty">Not enough traffic to compare the arms yet.</div>
        ) : (
          <>
            <div className="grid grid-2">
              {metrics.map((metric) => (
                <Chart key={metric} label={`difference ${metric}`} height={Math.max(130, data.comparisons.length * 40 + 80)} option={differenceOption(metric, data)} />
              ))}
            </div>
            <DataTable
              label="comparisons"
              rows={data.comparisons.flatMap((entry) => entry.metrics.map((metric) => ({ arm: entry.arm, ...metric })))}
              rowKey={(row) => `${row.arm}:${row.metric}`}
              columns={[
                { header: 'Arm', cell: (row) => row.arm },
                { header: 'Metric', cell: (row) => row.metric },
                { header: 'Control', align: 'right', cell: (row) => formatValue(row.metric, row.control) },
                { header: 'Treatment', align: 'right', cell: (row) => formatValue(row.metric, row.treatment) },
                { header: 'Difference [95% CI]', align: 'right', cell: (row) => `${formatValue(row.metric, row.difference)} [${formatValue(row.metric, row.lower)}, ${formatValue(row.metric, row.upper)}]` },
                { header: 'p', align: 'right', cell: (row) => formatNumber(row.pValue, 4) },
                { header: 'n (c / t)', align: 'right', cell: (row) => `${row.nControl} / ${row.nTreatment}` },
                { header: 'Verdict', cell: (row) => (row.significant ? <Badge value={row.treatmentBetter ? 'better' : 'worse'} tone={row.treatmentBetter ? 'good' : 'bad'} /> : <Badge value="no difference yet" tone="muted" />) },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}

function decisionOf(data: ExperimentResults): string {
  const experiment = data.experiment;
  if (experiment.status === 'stopped') return experiment.winner ? `Stopped: ${experiment.winner} won and took the route.` : 'Stopped without a winner: the route before the experiment is back.';
  const verdicts = data.comparisons.map((entry) => {
    const significant = entry.metrics.filter((metric) => metric.significant);
    const better = significant.filter((metric) => metric.treatmentBetter).map((metric) => metric.metric);
    const worse = significant.filter((metric) => !metric.treatmentBetter).map((metric) => metric.metric);
    if (!significant.length) return `${entry.arm}: no significant difference from ${data.control} yet.`;
    return `${entry.arm}: ${better.length ? `better on ${better.join(', ')}` : ''}${better.length && worse.length ? '; ' : ''}${worse.length ? `worse on ${worse.join(', ')}` : ''}.`;
  });
  return `Running. ${verdicts.join(' ') || 'Waiting for traffic.'}`;
}

function unitOf(metric: string): string {
  if (/latency/i.test(metric)) return 'ms';
  if (/cost/i.test(metric)) return 'USD';
  if (/error/i.test(metric)) return 'rate';
  return 'score';
}

function formatValue(metric: string, value: number): string {
  const unit = unitOf(metric);
  if (unit === 'ms') return formatMs(value);
  if (unit === 'USD') return `${value < 0 ? '-' : ''}${formatUsd(Math.abs(value))}`;
  if (unit === 'rate') return formatPercent(value);
  return formatNumber(value, 3);
}

function differenceOption(metric: string, data: ExperimentResults): EChartsOption {
  const rows = data.comparisons.map((entry) => ({ arm: entry.arm, comparison: entry.metrics.find((candidate) => candidate.metric === metric) })).filter((row) => row.comparison);
  const intervals = rows.map((row, index) => [index, row.comparison?.lower ?? 0, row.comparison?.upper ?? 0] as [number, number, number]);
  return {
    title: { text: `${metric} (treatment − control)`, left: 0, top: 0, textStyle: { fontSize: 12, fontWeight: 500, color: '#374151' } },
    grid: { left: 12, right: 28, top: 48, bottom: 34, containLabel: true },
    xAxis: { type: 'value', name: `difference (${unitOf(metric)})`, nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: (value: number) => formatValue(metric, value), hideOverlap: true }, splitLine: { lineStyle: { color: '#eef0f4' } } },
    yAxis: { type: 'category', name: 'arm', data: rows.map((row) => row.arm), axisLabel: { width: 90, overflow: 'truncate' } },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'scatter',
        name: 'difference',
        symbolSize: 9,
        data: rows.map((row, index) => [row.comparison?.difference ?? 0, index]),
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#9ca3af', type: 'dashed' }, label: { show: false }, data: [{ xAxis: 0 }] },
      },
      errorBarSeries(intervals, 'horizontal'),
    ],
  };
}
