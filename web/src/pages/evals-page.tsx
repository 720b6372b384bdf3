// Evaluations: runs with a live progress bar; a run's per-metric scores with confidence intervals;
// a paired comparison of two runs (differences with CIs around zero); a dataset's leaderboard.
import { useState } from 'react';
import { withQuery } from '../api/api-client';
import type { Dataset, EvalComparison, EvalMetricAggregate, EvalRun, EvalRunSummary, Leaderboard, LeaderboardEntry, List } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader, StatCard } from '../components/card';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { formatAgo, formatMs, formatNumber, formatUsd } from '../components/format';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { ProgressBar } from '../components/progress-bar';
import { navigate } from '../router/hash-route';
import { differencesOption, leaderboardOption, metricsOption } from './evals/eval-charts';
import { isFinished, runLabel } from './evals/eval-types';
import type { PageProps } from './page-list';

const LIVE_MS = 2000;

export function EvalsPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const runs = useApi<List<EvalRun>>(capabilities.has('/api/evals/runs') ? '/api/evals/runs?limit=200' : null, { refreshMs: LIVE_MS });
  const selected = params[0] ?? null;

  if (capabilities.loaded && !capabilities.has('/api/evals/runs')) {
    return (
      <>
        <PageHeader title="Evaluations" />
        <ApiMissing api="/api/evals/runs" what="Evaluation runs" />
      </>
    );
  }

  const all = runs.data?.data ?? [];
  return (
    <>
      <PageHeader title="Evaluations" subtitle="Runs over dataset × model × prompt, with bootstrap confidence intervals." />
      {selected && <RunDetail id={selected} />}
      <Card title="Runs">
        <ErrorNotice error={runs.error} />
        {!runs.data ? (
          <Loading error={runs.error} />
        ) : (
          <DataTable
            label="eval runs"
            rows={all}
            rowKey={(run) => run.id}
            selectedKey={selected}
            onRowClick={(run) => navigate('evals', run.id)}
            empty="No evaluation run yet (steward eval run, or POST /api/evals/runs)."
            columns={[
              { header: 'Run', wrap: true, cell: (run) => <strong>{runLabel(run)}</strong> },
              { header: 'Target', cell: (run) => <span className="mono">{run.target}</span> },
              { header: 'Metrics', wrap: true, cell: (run) => run.metrics.map((metric) => metric.name ?? metric.metric).join(', ') },
              { header: 'Status', cell: (run) => <Badge value={run.status} /> },
              {
                header: 'Errors',
                align: 'right',
                // Items whose call or a metric failed: never a silent score of 0.
                cell: (run) => {
                  const errors = run.summary?.erroredItems ?? run.progress.failed;
                  return errors > 0 ? <span className="text-bad" data-field="errors">{`${errors} of ${run.progress.total}`}</span> : <span data-field="errors">0</span>;
                },
              },
              {
                header: 'Progress',
                cell: (run) => <ProgressBar value={run.progress.total ? run.progress.completed / run.progress.total : 0} state={run.status} label={`${runLabel(run)} progress`} />,
              },
              { header: 'Created', cell: (run) => formatAgo(run.createdAt) },
            ]}
          />
        )}
      </Card>
      <CompareCard runs={all.filter(isFinished)} />
      <LeaderboardCard />
    </>
  );
}

function RunDetail({ id }: { id: string }) {
  const base = `/api/evals/runs/${encodeURIComponent(id)}`;
  const run = useApi<EvalRun>(base, { refreshMs: LIVE_MS });
  const live = run.data?.status === 'running' || run.data?.status === 'queued';
  // While a run goes, its summary is recomputed from the items scored so far.
  const liveSummary = useApi<EvalRunSummary>(live ? `${base}/summary` : null, { refreshMs: LIVE_MS });
  const data = run.data;
  if (!data) return run.error ? <ErrorNotice error={run.error} /> : <Loading />;
  const summary = (live ? liveSummary.data : data.summary) ?? data.summary;
  const metrics = Object.values(summary?.metrics ?? {});
  return (
    <Card
      title={
        <span>
          {runLabel(data)} <Badge value={data.status} />
        </span>
      }
      actions={<button type="button" className="button button-secondary" onClick={() => navigate('evals')}>Close</button>}
    >
      {data.error && <div className="notice notice-bad">{data.error}</div>}
      <ProgressBar value={data.progress.total ? data.progress.completed / data.progress.total : 0} state={data.status} label="run progress" />
      <p className="muted">
        {formatNumber(data.progress.completed)} of {formatNumber(data.progress.total)} items scored
        {data.progress.failed ? `, ${data.progress.failed} failed` : ''} · target <span className="mono">{data.target}</span>
      </p>
      {summary && (
        <div className="grid grid-stats">
          <StatCard label="Items" value={formatNumber(summary.items)} hint={<span className={summary.callErrors > 0 ? 'text-bad' : undefined}>{summary.callErrors} call errors</span>} />
          <StatCard label="Items with errors" value={formatNumber(summary.erroredItems)} tone={summary.erroredItems > 0 ? 'bad' : undefined} hint="call or metric error: never scored" />
          <StatCard label="Latency p50" value={formatMs(summary.latencyMs?.p50)} />
          <StatCard label="Latency p95" value={formatMs(summary.latencyMs?.p95)} />
          <StatCard label="Tokens" value={formatNumber(summary.tokens.prompt + summary.tokens.completion)} />
          <StatCard label="Cost" value={formatUsd(summary.costUsd)} />
        </div>
      )}
      <h3>Scores with confidence intervals</h3>
      {metrics.length ? <Chart label="metric scores" height={280} option={metricsOption(metrics)} /> : <div className="empty">No item scored yet.</div>}
      {metrics.length > 0 && <MetricErrors metrics={metrics} />}
    </Card>
  );
}

/** Per metric: items scored and items it could not score, errors in red; BLEU/chrF with their corpus score as sacreBLEU prints it. */
function MetricErrors({ metrics }: { metrics: EvalMetricAggregate[] }) {
  return (
    <DataTable
      label="metric errors"
      rows={metrics}
      rowKey={(metric) => metric.name}
      columns={[
        { header: 'Metric', cell: (metric) => metric.name },
        { header: 'Mean', align: 'right', cell: (metric) => (metric.mean === null ? '–' : metric.mean.toFixed(3)) },
        { header: 'Scored', align: 'right', cell: (metric) => formatNumber(metric.n) },
        { header: 'Errors', align: 'right', cell: (metric) => (metric.errors > 0 ? <span className="text-bad">{formatNumber(metric.errors)}</span> : '0') },
        {
          header: 'Corpus score',
          wrap: true,
          cell: (metric) =>
            metric.corpus ? (
              <span data-field="corpus">
                <strong>{metric.corpus.sacrebleu.toFixed(2)}</strong> <span className="mono muted">{metric.corpus.signature}</span>
              </span>
            ) : (
              '–'
            ),
        },
      ]}
    />
  );
}

function CompareCard({ runs }: { runs: EvalRun[] }) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const comparison = useApi<EvalComparison>(a && b && a !== b ? withQuery('/api/evals/compare', { a, b }) : null);
  const pick = (value: string, set: (id: string) => void, label: string) => (
    <label className="field">
      {label}
      <select aria-label={`Run ${label}`} value={value} onChange={(event) => set(event.target.value)}>
        <option value="">choose a run</option>
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {runLabel(run)} · {run.target} · {formatAgo(run.finishedAt)}
          </option>
        ))}
      </select>
    </label>
  );
  const metrics = comparison.data?.metrics ?? [];
  return (
    <Card title="Compare two runs (paired, same dataset version)">
      <div className="filters">
        {pick(a, setA, 'A (baseline)')}
        {pick(b, setB, 'B (candidate)')}
      </div>
      <ErrorNotice error={comparison.error} />
      {metrics.length > 0 && (
        <div className="grid grid-2" style={{ marginTop: 12 }}>
          <Chart label="paired differences" height={metrics.length * 44 + 60} option={differencesOption(metrics)} />
          <DataTable
            label="comparison"
            rows={metrics}
            rowKey={(metric) => metric.metric}
            columns={[
              { header: 'Metric', cell: (metric) => metric.metric },
              { header: 'A → B', align: 'right', cell: (metric) => `${metric.meanA.toFixed(3)} → ${metric.meanB.toFixed(3)}` },
              { header: 'p', align: 'right', cell: (metric) => metric.pValue.toPrecision(2) },
              { header: 'Verdict', cell: (metric) => <Badge value={metric.significant ? metric.direction : 'no significant change'} tone={metric.direction === 'improved' && metric.significant ? 'good' : metric.direction === 'regressed' && metric.significant ? 'bad' : 'muted'} /> },
              { header: 'Items worse', align: 'right', cell: (metric) => metric.regressions.length },
            ]}
          />
        </div>
      )}
      {!a || !b ? <div className="empty">Choose two finished runs on the same dataset version.</div> : null}
    </Card>
  );
}

function LeaderboardCard() {
  const datasets = useApi<List<Dataset>>('/api/datasets');
  const [chosen, setChosen] = useState('');
  const dataset = chosen || datasets.data?.data[0]?.name || '';
  const board = useApi<Leaderboard>(dataset ? `/api/datasets/${encodeURIComponent(dataset)}/leaderboard` : null, { refreshMs: 10_000 });
  const entries = board.data?.entries ?? [];
  const metricNames = [...new Set(entries.flatMap((entry) => Object.keys(entry.metrics)))];
  const [metricChoice, setMetricChoice] = useState('');
  const metric = metricChoice && metricNames.includes(metricChoice) ? metricChoice : (board.data?.metric ?? metricNames[0] ?? '');
  const label = (entry: LeaderboardEntry) => (entry.model ? entry.model.version : entry.target) + (entry.prompt ? ` · ${entry.prompt}` : '');
  return (
    <Card
      title="Leaderboard"
      actions={
        <>
          <select aria-label="Leaderboard dataset" value={dataset} onChange={(event) => setChosen(event.target.value)}>
            {(datasets.data?.data ?? []).map((item) => (
              <option key={item.name}>{item.name}</option>
            ))}
          </select>
          <select aria-label="Leaderboard metric" value={metric} onChange={(event) => setMetricChoice(event.target.value)}>
            {metricNames.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </>
      }
    >
      <ErrorNotice error={board.error} />
      {entries.length && metric ? (
        <Chart label="leaderboard" height={entries.length * 34 + 70} option={leaderboardOption(entries, metric, label)} />
      ) : (
        <div className="empty">No completed run on this dataset yet.</div>
      )}
    </Card>
  );
}
