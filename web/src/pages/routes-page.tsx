// Routes: the names clients call — current traffic split as a chart, the revision history with a
// one-click rollback, and progressive rollouts with their step progress where the server has them.
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { api } from '../api/api-client';
import type { List, Route, RouteRevision, RouteTarget } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { TypedConfirm } from '../components/typed-confirm';
import { formatAgo, formatTime } from '../components/format';
import { JsonView } from '../components/json-view';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import type { PageProps } from './page-list';
import { RolloutsCard } from './routes/rollouts-card';

export function RoutesPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const routes = useApi<List<Route>>(capabilities.has('/api/routes') ? '/api/routes' : null, { refreshMs: 10_000 });
  const selected = params[0] ?? null;

  if (capabilities.loaded && !capabilities.has('/api/routes')) {
    return (
      <>
        <PageHeader title="Routes" />
        <ApiMissing api="/api/routes" what="Routes" />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Routes" subtitle="The names clients call, their traffic policies and every revision." />
      <div className={selected ? 'split' : undefined}>
        <Card title="Routes">
          <ErrorNotice error={routes.error} />
          {!routes.data ? (
            <Loading error={routes.error} />
          ) : (
            <DataTable
              label="routes"
              rows={routes.data.data}
              rowKey={(route) => route.name}
              selectedKey={selected}
              onRowClick={(route) => navigate('routes', route.name)}
              empty="No route yet (PUT /api/routes/NAME)."
              columns={[
                { header: 'Name', cell: (route) => <strong>{route.name}</strong> },
                { header: 'Policy', cell: (route) => <Badge value={route.config.policy ?? 'single'} tone="info" /> },
                { header: 'Targets', wrap: true, cell: (route) => route.config.targets.map((target) => target.model).join(', ') },
                { header: 'Revision', align: 'right', cell: (route) => route.revision },
                { header: 'Updated', cell: (route) => formatAgo(route.updatedAt) },
              ]}
            />
          )}
        </Card>
        {selected && <RouteDetail name={selected} onChange={routes.reload} />}
      </div>
      {capabilities.loaded && <RolloutsCard route={selected} />}
    </>
  );
}

function RouteDetail({ name, onChange }: { name: string; onChange(): void }) {
  const capabilities = useCapabilities();
  const base = `/api/routes/${encodeURIComponent(name)}`;
  const route = useApi<Route>(base);
  const revisions = useApi<List<RouteRevision>>(`${base}/revisions`);
  const [error, setError] = useState<Error | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const { can } = useRole();

  // The revision a person chose to roll back to, waiting for the typed confirmation.
  const [pending, setPending] = useState<RouteRevision | null>(null);

  async function rollback(revision: RouteRevision) {
    setError(undefined);
    try {
      const reason = `rollback to revision ${revision.revision} (dashboard)`;
      if (capabilities.has('/api/routes/{name}/rollback', 'post')) {
        await api(`${base}/rollback?to=${revision.revision}`, { method: 'POST', body: { reason } });
      } else {
        await api(base, { method: 'PUT', body: { config: revision.config, reason } });
      }
      setMessage(`Rolled back to revision ${revision.revision}.`);
      setPending(null);
      route.reload();
      revisions.reload();
      onChange();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  }

  const current = route.data;
  return (
    <div>
      <Card title={name} actions={<button type="button" className="button button-secondary" onClick={() => navigate('routes')}>Close</button>}>
        <ErrorNotice error={route.error ?? error} />
        {message && <div className="notice notice-good">{message}</div>}
        {current && (
          <>
            <Chart label="traffic split" height={Math.max(90, current.config.targets.length * 30 + 40)} option={splitOption(current.config.targets)} />
            <h3>Config (revision {current.revision})</h3>
            <JsonView value={current.config} maxHeight={240} />
          </>
        )}
      </Card>
      <Card title="Revisions">
        <ErrorNotice error={revisions.error} />
        {revisions.data && (
          <DataTable
            label="revisions"
            rows={revisions.data.data}
            rowKey={(revision) => String(revision.revision)}
            columns={[
              { header: 'Rev', align: 'right', cell: (revision) => revision.revision },
              { header: 'When', cell: (revision) => formatTime(revision.createdAt) },
              { header: 'By', cell: (revision) => revision.actor.name },
              { header: 'Why', wrap: true, cell: (revision) => revision.reason ?? '—' },
              { header: 'Targets', wrap: true, cell: (revision) => (revision.config ? revision.config.targets.map((target) => target.model).join(', ') : <Badge value="deleted" tone="bad" />) },
              {
                header: '',
                cell: (revision) =>
                  revision.revision !== current?.revision && revision.config && can('developer') ? (
                    <button type="button" className="button button-secondary button-small" onClick={() => setPending(revision)}>
                      Roll back here
                    </button>
                  ) : revision.revision === current?.revision ? (
                    <Badge value="current" tone="good" />
                  ) : null,
              },
            ]}
          />
        )}
        {pending?.config && (
          <TypedConfirm expected={name} action={`Roll back to revision ${pending.revision}`} danger onConfirm={() => rollback(pending)}>
            <p>
              Roll <strong className="mono">{name}</strong> back to revision {pending.revision} ({pending.config.targets.map((target) => `${target.model}${target.weight === undefined ? '' : ` ${target.weight}`}`).join(', ')}): this writes a new revision with that config, and the gateway routes by it at once.{' '}
              <button type="button" className="button button-secondary button-small" onClick={() => setPending(null)}>
                Cancel
              </button>
            </p>
          </TypedConfirm>
        )}
      </Card>
    </div>
  );
}

function splitOption(targets: RouteTarget[]): EChartsOption {
  const total = targets.reduce((sum, target) => sum + (target.weight ?? 1), 0) || 1;
  return {
    grid: { left: 8, right: 8, top: 24, bottom: 8 },
    legend: { top: 0, left: 0 },
    tooltip: { trigger: 'item', formatter: '{a}: {c}%' },
    xAxis: { type: 'value', max: 100, show: false },
    yAxis: { type: 'category', data: ['traffic'], show: false },
    series: targets.map((target) => ({
      name: target.model,
      type: 'bar',
      stack: 'split',
      barWidth: 26,
      label: { show: true, formatter: '{c}%', color: '#fff' },
      data: [Math.round(((target.weight ?? 1) / total) * 1000) / 10],
    })),
  };
}
