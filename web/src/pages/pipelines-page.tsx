// Pipelines: retraining pipelines (triggers → curate → train → evaluate → rollout), their runs,
// and a run drawn as its step graph with links to what each step made (dataset versions, jobs,
// model versions, eval runs, rollouts) and to the lineage from there. A developer starts a run.
import { Fragment, useState } from 'react';
import { api } from '../api/api-client';
import type { List, Pipeline, PipelineRun } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { formatAgo, formatDuration, formatTime } from '../components/format';
import { JsonView } from '../components/json-view';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import { KIND_LABELS, isNodeKind, lineageHref, modelOfVersionName, pageHref } from './lineage/artifact-links';
import type { PageProps } from './page-list';

const API = '/api/pipelines';

export function PipelinesPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const pipelines = useApi<List<Pipeline>>(capabilities.has(API) ? API : null, { refreshMs: 10_000 });
  const selected = params[0] ?? pipelines.data?.data[0]?.name ?? null;

  if (capabilities.loaded && !capabilities.has(API)) {
    return (
      <>
        <PageHeader title="Pipelines" />
        <ApiMissing api={API} what="Pipelines" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Pipelines" subtitle="Retraining loops: curate feedback, train, evaluate against production, roll out." />
      <Card title="Pipelines">
        <ErrorNotice error={pipelines.error} />
        {!pipelines.data ? (
          <Loading error={pipelines.error} />
        ) : (
          <DataTable
            label="pipelines"
            rows={pipelines.data.data}
            rowKey={(pipeline) => pipeline.name}
            selectedKey={selected}
            onRowClick={(pipeline) => navigate('pipelines', pipeline.name)}
            empty="No pipeline yet (POST /api/pipelines)."
            columns={[
              { header: 'Name', cell: (pipeline) => <strong>{pipeline.name}</strong> },
              { header: 'Steps', cell: (pipeline) => ['curate', 'train', 'evaluate', 'rollout'].filter((step) => pipeline.definition[step]).join(' → ') },
              { header: 'Triggers', wrap: true, cell: (pipeline) => triggersOf(pipeline.definition.triggers) },
              { header: 'Enabled', cell: (pipeline) => <Badge value={pipeline.enabled ? 'enabled' : 'disabled'} tone={pipeline.enabled ? 'good' : 'muted'} /> },
              { header: 'Last triggered', cell: (pipeline) => formatAgo(pipeline.lastTriggeredAt) },
            ]}
          />
        )}
      </Card>
      {selected && pipelines.data?.data.some((pipeline) => pipeline.name === selected) && <PipelineDetail pipeline={pipelines.data.data.find((pipeline) => pipeline.name === selected) as Pipeline} runId={params[1] ?? null} />}
    </>
  );
}

function triggersOf(t: Pipeline['definition']['triggers']): string {
  if (!t) return 'manual';
  const parts = [
    t.scheduleSeconds ? `every ${formatDuration(t.scheduleSeconds)}` : null,
    t.alertRuleId ? `alert ${t.alertRuleId}` : null,
    t.driftMetric ? `${t.driftMetric} > ${t.driftThreshold}` : null,
    t.feedbackCount ? `${t.feedbackCount} feedback items` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'manual only';
}

function PipelineDetail({ pipeline, runId }: { pipeline: Pipeline; runId: string | null }) {
  const { can } = useRole();
  const runs = useApi<List<PipelineRun>>(`${API}/${encodeURIComponent(pipeline.name)}/runs`, { refreshMs: 3000 });
  const [error, setError] = useState<Error | undefined>();
  const run = runs.data?.data.find((entry) => entry.id === runId) ?? runs.data?.data[0];

  async function start() {
    setError(undefined);
    try {
      const started = await api<PipelineRun>(`${API}/${encodeURIComponent(pipeline.name)}/runs`, { method: 'POST' });
      runs.reload();
      navigate('pipelines', pipeline.name, started.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  return (
    <>
      {run && <RunGraph run={run} />}
      <div>
        <Card
          title={`Runs of ${pipeline.name}`}
          actions={
            can('developer') ? (
              <button type="button" className="button button-secondary" onClick={start}>
                Run now
              </button>
            ) : undefined
          }
        >
          <ErrorNotice error={runs.error ?? error} />
          {!runs.data ? (
            <Loading error={runs.error} />
          ) : (
            <DataTable
              label="pipeline runs"
              rows={runs.data.data}
              rowKey={(entry) => entry.id}
              selectedKey={run?.id ?? null}
              onRowClick={(entry) => navigate('pipelines', pipeline.name, entry.id)}
              empty="No run yet."
              columns={[
                { header: 'Run', cell: (entry) => <Id value={entry.id} short /> },
                { header: 'Status', cell: (entry) => <Badge value={entry.status} /> },
                { header: 'Trigger', wrap: true, cell: (entry) => `${entry.trigger}${entry.triggerDetail ? `: ${entry.triggerDetail}` : ''}` },
                { header: 'Started', cell: (entry) => formatAgo(entry.startedAt) },
              ]}
            />
          )}
        </Card>
        <Card title="Definition">
          <JsonView value={pipeline.definition} maxHeight={320} />
        </Card>
      </div>
    </>
  );
}

function RunGraph({ run }: { run: PipelineRun }) {
  return (
    <Card
      title={
        <span>
          Run <span className="mono">{run.id}</span> <Badge value={run.status} />
        </span>
      }
    >
      {run.error && (
        <div className="notice notice-bad" role="alert">
          {run.error}
        </div>
      )}
      <ol className="step-graph" aria-label="run steps">
        {[...run.steps]
          .sort((a, b) => a.position - b.position)
          .map((step, index) => (
            <Fragment key={step.position}>
              {index > 0 && (
                <li className="step-arrow" aria-hidden="true">
                  →
                </li>
              )}
              <li className={`step-node step-${step.status}`} data-step={step.name}>
                <div className="row">
                  <strong>{step.name}</strong> <Badge value={step.status} />
                </div>
                <div className="muted" style={{ margin: '4px 0', overflowWrap: 'anywhere' }}>
                  {step.detail || '—'}
                </div>
                {step.artifacts.map((artifact) => {
                  const page = pageHref(artifact.kind, artifact.id, { model: modelOfVersionName(artifact.label), version: artifact.label });
                  return (
                    <div key={`${artifact.kind}:${artifact.id}`} className="row" style={{ gap: 4 }}>
                      <span className="muted">{isNodeKind(artifact.kind) ? KIND_LABELS[artifact.kind] : artifact.kind}:</span>
                      {page ? <a href={page}>{artifact.label ?? artifact.id}</a> : <span>{artifact.label ?? artifact.id}</span>}
                      {isNodeKind(artifact.kind) && (
                        <a href={lineageHref(artifact.kind, artifact.id)} title="lineage from here">
                          ⇄
                        </a>
                      )}
                    </div>
                  );
                })}
                <div className="muted">{step.startedAt ? formatTime(step.startedAt) : 'not started'}</div>
              </li>
            </Fragment>
          ))}
      </ol>
    </Card>
  );
}
