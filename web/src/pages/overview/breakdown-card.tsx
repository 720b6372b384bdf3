// Requests, errors, p95 latency and cost per route or per model over the Overview's range, each
// row read from the roll-ups filtered to that route or model (the candidates are the project's
// routes, their targets and the registry's versions).
import { useEffect, useState } from 'react';
import { Card } from '../../components/card';
import { DataTable } from '../../components/data-table';
import { formatMs, formatNumber, formatPercent, formatUsd } from '../../components/format';
import { ErrorNotice, Loading } from '../../components/notices';
import { readSeries, total, worst } from './metric-series';
import type { Step } from './time-ranges';

const METRICS = ['requests', 'errors', 'latency_p95', 'tokens', 'cost_usd'] as const;

export interface BreakdownRow {
  name: string;
  requests: number;
  errors: number;
  p95: number | null;
  tokens: number;
  costUsd: number;
}

export function BreakdownCard({ by, candidates, rangeMs, step, refreshMs, priced }: { by: 'route' | 'model'; candidates: string[]; rangeMs: number; step: Step; refreshMs: number; priced: boolean }) {
  const [rows, setRows] = useState<BreakdownRow[] | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const key = `${candidates.join(',')}|${rangeMs}|${step}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the candidates and the range.
  useEffect(() => {
    let stale = false;
    const controller = new AbortController();
    const load = async () => {
      const to = Date.now();
      const from = to - rangeMs;
      try {
        const read = await Promise.all(
          candidates.map(async (name) => {
            const series = await readSeries(METRICS, from, to, step, by === 'route' ? { route: name } : { model: name }, controller.signal);
            return { name, requests: total(series.requests), errors: total(series.errors), p95: worst(series.latency_p95), tokens: total(series.tokens), costUsd: total(series.cost_usd) };
          }),
        );
        if (!stale) {
          setRows(read.filter((row) => row.requests > 0).sort((a, b) => b.requests - a.requests));
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
  }, [key, by]);

  return (
    <Card title={by === 'route' ? 'By route' : 'By model'}>
      <ErrorNotice error={error} />
      {!rows ? (
        <Loading error={error} />
      ) : (
        <DataTable
          label={`by ${by}`}
          rows={rows}
          rowKey={(row) => row.name}
          empty={`No traffic through a known ${by} in this range.`}
          columns={[
            { header: by === 'route' ? 'Route' : 'Model', cell: (row) => <span className="mono">{row.name}</span> },
            { header: 'Requests', align: 'right', cell: (row) => <span data-field="requests">{formatNumber(row.requests)}</span> },
            { header: 'Errors', align: 'right', cell: (row) => <span className={row.errors > 0 ? 'text-bad' : undefined}>{`${formatNumber(row.errors)} (${formatPercent(row.requests ? row.errors / row.requests : 0)})`}</span> },
            { header: 'p95 (worst bucket)', align: 'right', cell: (row) => formatMs(row.p95) },
            { header: 'Tokens', align: 'right', cell: (row) => formatNumber(row.tokens) },
            { header: 'Cost', align: 'right', cell: (row) => (row.costUsd === 0 && row.tokens > 0 ? <span className="muted" title={priced ? 'no price matches this model' : 'no price is configured'}>$0 · no price</span> : formatUsd(row.costUsd)) },
          ]}
        />
      )}
    </Card>
  );
}
