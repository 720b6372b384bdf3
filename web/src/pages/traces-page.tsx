// Traces: every gateway request, filterable; a trace's detail shows its attempts (retries and
// fallbacks), request and response bodies, and its feedback, with buttons to add some.
import { type FormEvent, useEffect, useState } from 'react';
import { api, withQuery } from '../api/api-client';
import type { Page, Trace } from '../api/api-types';
import { useCapabilities } from '../api/capabilities';
import { useApi } from '../api/use-api';
import { Badge } from '../components/badge';
import { Card, PageHeader } from '../components/card';
import { Id } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { formatAgo, formatMs, formatNumber, formatTime, formatUsd } from '../components/format';
import { JsonView } from '../components/json-view';
import { ApiMissing, ErrorNotice, Loading } from '../components/notices';
import { navigate } from '../router/hash-route';
import type { PageProps } from './page-list';

interface Filters {
  route: string;
  model: string;
  status: '' | 'ok' | 'error';
}

export function TracesPage({ params }: PageProps) {
  const capabilities = useCapabilities();
  const [filters, setFilters] = useState<Filters>({ route: '', model: '', status: '' });
  const [draft, setDraft] = useState<Filters>(filters);
  const [extra, setExtra] = useState<Trace[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const selected = params[0] ?? null;
  const path = capabilities.has('/api/traces') ? withQuery('/api/traces', { ...filters, limit: 50 }) : null;
  const first = useApi<Page<Trace>>(path, { refreshMs: extra.length ? undefined : 5000 });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter path must drop the pages loaded for the old one.
  useEffect(() => {
    setExtra([]);
    setCursor(null);
  }, [path]);

  if (capabilities.loaded && !capabilities.has('/api/traces')) {
    return (
      <>
        <PageHeader title="Traces" />
        <ApiMissing api="/api/traces" what="Traces" />
      </>
    );
  }

  const rows = [...(first.data?.data ?? []), ...extra];
  const nextCursor = extra.length ? cursor : (first.data?.next_cursor ?? null);

  async function loadMore() {
    if (!nextCursor || !path) return;
    const page = await api<Page<Trace>>(withQuery('/api/traces', { ...filters, limit: 50, cursor: nextCursor }));
    setExtra((previous) => [...previous, ...page.data]);
    setCursor(page.next_cursor);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  return (
    <>
      <PageHeader title="Traces" subtitle="Every request through the gateway, newest first." />
      <Card>
        <form className="filters" onSubmit={apply} aria-label="Trace filters">
          <label className="field">
            Route
            <input value={draft.route} onChange={(event) => setDraft({ ...draft, route: event.target.value })} placeholder="any" />
          </label>
          <label className="field">
            Model
            <input value={draft.model} onChange={(event) => setDraft({ ...draft, model: event.target.value })} placeholder="any" />
          </label>
          <label className="field">
            Status
            <select value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value as Filters['status'] })}>
              <option value="">any</option>
              <option value="ok">ok</option>
              <option value="error">error</option>
            </select>
          </label>
          <button type="submit" className="button">
            Filter
          </button>
        </form>
      </Card>
      <div className={selected ? 'split' : undefined}>
        <Card title={`Requests (${rows.length}${nextCursor ? '+' : ''})`}>
          <ErrorNotice error={first.error} />
          {first.loading && !first.data ? (
            <Loading />
          ) : (
            <DataTable
              label="traces"
              rows={rows}
              rowKey={(trace) => trace.id}
              selectedKey={selected}
              onRowClick={(trace) => navigate('traces', trace.id)}
              empty="No request matches yet. Send one to /v1/chat/completions and it appears here."
              columns={[
                { header: 'When', cell: (trace) => <span title={formatTime(trace.createdAt)}>{formatAgo(trace.createdAt)}</span> },
                { header: 'Route / model', cell: (trace) => <RouteCell trace={trace} /> },
                { header: 'Status', cell: (trace) => <Badge value={trace.status === 'ok' ? String(trace.httpStatus) : (trace.errorCode ?? String(trace.httpStatus))} tone={trace.status === 'ok' ? 'good' : 'bad'} /> },
                { header: 'Latency', align: 'right', cell: (trace) => formatMs(trace.latencyMs) },
                { header: 'Tokens', align: 'right', cell: (trace) => formatNumber(trace.tokensIn + trace.tokensOut) },
                { header: 'Cost', align: 'right', cell: (trace) => formatUsd(trace.costUsd) },
              ]}
            />
          )}
          {nextCursor && (
            <div className="row" style={{ justifyContent: 'center', marginTop: 8 }}>
              <button type="button" className="button button-secondary" onClick={loadMore}>
                Load more
              </button>
            </div>
          )}
        </Card>
        {selected && <TraceDetail id={selected} />}
      </div>
    </>
  );
}

function RouteCell({ trace }: { trace: Trace }) {
  return (
    <div>
      <div>{trace.route ?? trace.requestedModel}</div>
      <div className="muted mono">
        {trace.provider ?? '—'}/{trace.model ?? '—'}
        {trace.cacheHit ? ' · cache' : ''}
        {trace.stream ? ' · stream' : ''}
      </div>
    </div>
  );
}

function TraceDetail({ id }: { id: string }) {
  const trace = useApi<Trace>(`/api/traces/${encodeURIComponent(id)}`);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<Error | undefined>();

  async function thumb(value: 'up' | 'down') {
    setSending(true);
    setSendError(undefined);
    try {
      await api('/api/feedback', { method: 'POST', body: { traceId: id, thumb: value, source: 'dashboard' } });
      trace.reload();
    } catch (caught) {
      setSendError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setSending(false);
    }
  }

  const data = trace.data;
  return (
    <Card
      title={<Id value={id} />}
      actions={
        <>
          <button type="button" className="button button-secondary" aria-label="Thumbs up" disabled={sending} onClick={() => thumb('up')}>
            <span className="thumb">
              <ThumbIcon /> Good
            </span>
          </button>
          <button type="button" className="button button-secondary" aria-label="Thumbs down" disabled={sending} onClick={() => thumb('down')}>
            <span className="thumb">
              <ThumbIcon down /> Bad
            </span>
          </button>
          <button type="button" className="button button-secondary" onClick={() => navigate('traces')}>
            Close
          </button>
        </>
      }
    >
      <ErrorNotice error={trace.error ?? sendError} />
      {!data ? (
        <Loading error={trace.error} />
      ) : (
        <div data-testid="trace-detail">
          <dl className="facts">
            <dt>Time</dt>
            <dd>{formatTime(data.createdAt)}</dd>
            <dt>Endpoint</dt>
            <dd className="mono">
              {data.endpoint}
              {data.surface && ` via /v1/${data.surface.name} (${data.surface.translated ? 'translated' : 'native'})`}
            </dd>
            <dt>Requested</dt>
            <dd>
              {data.requestedModel}
              {data.route && ` → route ${data.route} (revision ${data.routeRevision ?? '?'})`}
            </dd>
            <dt>Served by</dt>
            <dd>
              {data.provider ?? '—'} / {data.model ?? '—'} {data.versionId && <span className="muted">({data.versionId})</span>}
            </dd>
            <dt>Status</dt>
            <dd>
              <Badge value={data.status} /> HTTP {data.httpStatus} {data.errorMessage && <span className="muted">— {data.errorMessage}</span>}
            </dd>
            <dt>Latency</dt>
            <dd>
              {formatMs(data.latencyMs)}
              {data.ttftMs !== null && ` · first token ${formatMs(data.ttftMs)}`}
              {data.overheadMs !== null && ` · gateway ${formatMs(data.overheadMs)}`}
            </dd>
            <dt>Tokens</dt>
            <dd>
              {formatNumber(data.tokensIn)} in · {formatNumber(data.tokensOut)} out · {formatUsd(data.costUsd)}
            </dd>
          </dl>
          <h3>Attempts</h3>
          <DataTable
            label="attempts"
            rows={data.attempts.map((attempt, index) => ({ ...attempt, index }))}
            rowKey={(attempt) => String(attempt.index)}
            empty="No upstream call (answered from cache or refused before routing)."
            columns={[
              { header: '#', cell: (attempt) => attempt.index + 1 },
              { header: 'Provider / model', cell: (attempt) => `${attempt.provider} / ${attempt.model}` },
              { header: 'Outcome', cell: (attempt) => <Badge value={attempt.outcome} tone={attempt.outcome === 'ok' ? 'good' : 'bad'} /> },
              { header: 'HTTP', cell: (attempt) => attempt.status ?? '—' },
              { header: 'Latency', align: 'right', cell: (attempt) => formatMs(attempt.latencyMs) },
              { header: 'Error', wrap: true, cell: (attempt) => attempt.error ?? '' },
            ]}
          />
          <h3>Request</h3>
          <JsonView value={data.request} />
          <h3>Response</h3>
          <JsonView value={data.response} />
          <h3>Feedback</h3>
          {data.feedback?.length ? (
            <ul aria-label="feedback">
              {data.feedback.map((item) => (
                <li key={item.id}>
                  {item.thumb && <Badge value={item.thumb === 'up' ? 'good' : 'bad'} tone={item.thumb === 'up' ? 'good' : 'bad'} />} {item.rating ? `${item.rating}/5 ` : ''}
                  {item.comment ?? ''} <span className="muted">— {item.source}, {formatAgo(item.createdAt)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <div className="empty">No feedback yet.</div>
          )}
        </div>
      )}
    </Card>
  );
}

function ThumbIcon({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" style={down ? { transform: 'rotate(180deg)' } : undefined}>
      <path d="M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 7.9 6 8.4 6 9v10c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z" />
    </svg>
  );
}
