// Requests, errors, p95 latency, tokens and cost per route or per model over the Overview's range,
// from one read of the roll-ups (GET /api/metrics/breakdown): every route and model that had
// traffic, busiest first, with percentiles over the whole range.
import { useEffect, useState } from 'react';
import { api, withQuery } from '../../api/api-client';
import type { MetricBreakdown, MetricBreakdownRow } from '../../api/api-types';
import { Card } from '../../components/card';
import { DataTable } from '../../components/data-table';
import { formatMs, formatNumber, formatPercent, formatUsd } from '../../components/format';
import { ErrorNotice, Loading } from '../../components/notices';
import type { Step } from './time-ranges';

export function BreakdownCard({ by, rangeMs, step, refreshMs, priced }: { by: 'route' | 'model'; rangeMs: number; step: Step; refreshMs: number; priced: boolean }) {
  const [rows, setRows] = useState<MetricBreakdownRow[] | undefined>();
  const [error, setError] = useState<Error | undefined>();
  useEffect(() => {
    let stale = false;
    const controller = new AbortController();
    const load = async () => {
      const to = Date.now();
      try {
        const answer = await api<MetricBreakdown>(withQuery('/api/metrics/breakdown', { by, step, from: to - rangeMs, to }), { signal: controller.signal });
        if (!stale) {
          setRows(answer.data);
          setError(undefined);
        }
      } catch (caught) {
        if (!stale && !controller.signal.aborted) setError(caught instanceof Error ? caught : new Error(String(caught)));
      }
    };
    void load();
    const timer = window.setInterval(() => document.visibilityState === 'visible' && void load(), refreshMs);
    return () => {
      stale = true;
      controller.abort();
      window.clearInterval(timer);
    };
  }, [by, rangeMs, step, refreshMs]);

  const none = by === 'route' ? '(no route)' : '(no model)';
  return (
    <Card title={by === 'route' ? 'By route' : 'By model'}>
      <ErrorNotice error={error} />
      {!rows ? (
        <Loading error={error} />
      ) : (
        <DataTable
          label={`by ${by}`}
          rows={rows}
          rowKey={(row) => row.name ?? none}
          empty={`No traffic in this range.`}
          columns={[
            { header: by === 'route' ? 'Route' : 'Model', cell: (row) => (row.name === null ? <span className="muted" title={by === 'route' ? 'models called directly, without a route' : 'requests refused before a model was chosen'}>{none}</span> : <span className="mono">{row.name}</span>) },
            { header: 'Requests', align: 'right', cell: (row) => <span data-field="requests">{formatNumber(row.requests)}</span> },
            { header: 'Errors', align: 'right', cell: (row) => <span className={row.errors > 0 ? 'text-bad' : undefined}>{`${formatNumber(row.errors)} (${formatPercent(row.errorRate ?? 0)})`}</span> },
            { header: 'p95', align: 'right', cell: (row) => formatMs(row.latencyP95Ms) },
            { header: 'Tokens', align: 'right', cell: (row) => formatNumber(row.tokens) },
            { header: 'Cost', align: 'right', cell: (row) => (row.costUsd === 0 && row.tokens > 0 ? <span className="muted" title={priced ? 'no price matches this model' : 'no price is configured'}>$0 · no price</span> : formatUsd(row.costUsd)) },
          ]}
        />
      )}
    </Card>
  );
}
