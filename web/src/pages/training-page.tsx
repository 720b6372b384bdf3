// Training: fine-tune, preference and distillation jobs with their progress and ETA; a job's page
// draws its loss curve live and tails its log while it runs.
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { api, withQuery } from '../api/api-client';
import type { JobLogLine, List, LossPoint, Page, TrainingJob } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader, StatCard } from '../components/card';
import { Chart } from '../components/chart';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { formatAgo, formatDuration, formatNumber, formatTime } from '../components/format';
import { JsonView } from '../components/json-view';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { ProgressBar } from '../components/progress-bar';
import { navigate } from '../router/hash-route';
import type { PageProps } from './page-list';

const LIVE_MS = 2000;

export function TrainingPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const [state, setState] = useState('');
  const jobs = useApi<Page<TrainingJob>>(capabilities.has('/api/training/jobs') ? withQuery('/api/training/jobs', { state, limit: 100 }) : null, { refreshMs: LIVE_MS });
  const selected = params[0] ?? null;

  if (capabilities.loaded && !capabilities.has('/api/training/jobs')) {
    return (
      <>
        <PageHeader title="Training" />
        <ApiMissing api="/api/training/jobs" what="Training jobs" />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Training"
        subtitle="Fine-tune, preference-tune and distillation jobs."
        actions={
          <select aria-label="State" value={state} onChange={(event) => setState(event.target.value)}>
            <option value="">all states</option>
            {['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        }
      />
      {selected && <JobDetail id={selected} />}
      <Card title="Jobs">
        <ErrorNotice error={jobs.error} />
        {!jobs.data ? (
          <Loading error={jobs.error} />
        ) : (
          <DataTable
            label="training jobs"
            rows={jobs.data.data}
            rowKey={(job) => job.id}
            selectedKey={selected}
            onRowClick={(job) => navigate('training', job.id)}
            empty="No training job yet (steward train, or POST /api/training/jobs)."
            columns={[
              { header: 'Job', cell: (job) => <JobName job={job} /> },
              { header: 'Method', cell: (job) => `${job.method} · ${job.backend}` },
              { header: 'State', cell: (job) => <Badge value={job.state} /> },
              { header: 'Progress', width: '28%', cell: (job) => <ProgressBar value={job.progress} etaSeconds={job.state === 'running' ? job.etaSeconds : null} state={job.state} label={`${job.name} progress`} /> },
              { header: 'Loss', align: 'right', cell: (job) => formatNumber(job.lastLoss, 4) },
              { header: 'Created', cell: (job) => formatAgo(job.createdAt) },
            ]}
          />
        )}
      </Card>
    </>
  );
}

function JobName({ job }: { job: TrainingJob }) {
  return (
    <div>
      <strong>{job.name}</strong>
      <div className="muted">
        {job.baseModel} → {job.outputModel}
      </div>
    </div>
  );
}

function JobDetail({ id }: { id: string }) {
  const base = `/api/training/jobs/${encodeURIComponent(id)}`;
  const job = useApi<TrainingJob>(base, { refreshMs: LIVE_MS });
  const live = job.data?.state === 'running' || job.data?.state === 'queued';
  const loss = useApi<List<LossPoint>>(`${base}/loss`, { refreshMs: live ? LIVE_MS : undefined });
  const logs = useApi<List<JobLogLine>>(withQuery(`${base}/logs`, { kind: 'log', limit: 200 }), { refreshMs: live ? LIVE_MS : undefined });
  const [error, setError] = useState<Error | undefined>();
  const { can } = useRole();

  async function act(action: 'cancel' | 'retry') {
    setError(undefined);
    try {
      await api(`${base}/${action}`, { method: 'POST', body: {} });
      job.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  const data = job.data;
  if (!data) return job.error ? <ErrorNotice error={job.error} /> : <Loading />;
  const elapsed = data.startedAt ? ((data.finishedAt ? Date.parse(data.finishedAt) : Date.now()) - Date.parse(data.startedAt)) / 1000 : null;
  return (
    <Card
      title={
        <span>
          {data.name} <Badge value={data.state} />
        </span>
      }
      actions={
        <>
          {live && can('developer') && (
            <button type="button" className="button button-danger" onClick={() => act('cancel')}>
              Cancel
            </button>
          )}
          {(data.state === 'failed' || data.state === 'cancelled') && can('developer') && (
            <button type="button" className="button button-secondary" onClick={() => act('retry')}>
              Retry
            </button>
          )}
          <button type="button" className="button button-secondary" onClick={() => navigate('training')}>
            Close
          </button>
        </>
      }
    >
      <ErrorNotice error={error} />
      {data.error && <div className="notice notice-bad">{data.error}</div>}
      <div className="grid grid-stats">
        <StatCard label="Step" value={`${formatNumber(data.step)} / ${formatNumber(data.totalSteps)}`} />
        <StatCard label="Last loss" value={formatNumber(data.lastLoss, 4)} />
        <StatCard label="Elapsed" value={formatDuration(elapsed)} />
        <StatCard label="ETA" value={live ? formatDuration(data.etaSeconds) : '—'} />
      </div>
      <ProgressBar value={data.progress} etaSeconds={live ? data.etaSeconds : null} state={data.state} label="job progress" />
      <div className="grid grid-2" style={{ marginTop: 16 }}>
        <div>
          <h3>Loss curve</h3>
          <ErrorNotice error={loss.error} />
          <Chart label="loss curve" height={260} option={lossOption(loss.data?.data ?? [])} />
        </div>
        <div>
          <h3>Job</h3>
          <dl className="facts">
            <dt>Id</dt>
            <dd>
              <Id value={data.id} />
            </dd>
            <dt>Method</dt>
            <dd>
              {data.method} on {data.backend} (attempt {data.attempt})
            </dd>
            <dt>Base → output</dt>
            <dd>
              {data.baseModel} → {data.outputModel}
            </dd>
            <dt>Dataset version</dt>
            <dd className="mono">{data.datasetVersionId ?? '—'}</dd>
            <dt>Model version</dt>
            <dd>{data.modelVersionId ? <a href={`#/models/${encodeURIComponent(data.outputModel)}`}>{data.modelVersionId}</a> : '—'}</dd>
            <dt>Created</dt>
            <dd>{formatTime(data.createdAt)}</dd>
          </dl>
          <h3>Hyper-parameters</h3>
          <JsonView value={data.hyperParameters} maxHeight={160} />
        </div>
      </div>
      <h3>Log</h3>
      <pre className="json" style={{ maxHeight: 200 }} data-testid="job-log">
        {(logs.data?.data ?? []).map((line) => `${formatTime(line.at)}  ${line.level.padEnd(5)}  ${line.message}`).join('\n') || 'No log lines yet.'}
      </pre>
    </Card>
  );
}

function lossOption(points: LossPoint[]): EChartsOption {
  return {
    grid: { left: 56, right: 16, top: 32, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 24, min: 'dataMin', splitLine: { show: false } },
    yAxis: { type: 'value', name: 'loss', scale: true, splitLine: { lineStyle: { color: '#eef0f4' } } },
    series: [{ name: 'loss', type: 'line', showSymbol: points.length < 40, data: points.map((point) => [point.step, point.loss]) }],
  };
}
