// Each KPI of a use case against its threshold: the live value over a window of the metric roll-ups
// of the use case's routes, and the offline value from the latest finished evaluation run on its
// dataset. Roll-ups, not raw traces: they are what the dashboards read and what outlives retention.
import { RollupCell, metricValue } from '../monitoring/rollups/index.js';
import type { Db } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import { type Kpi, type KpiOperator, type LiveKpiMetric, isLiveKpiMetric } from './use-case-schema.js';
import type { UseCase } from './use-case-schema.js';

export const KPI_STATES = ['met', 'missed', 'no_data'] as const;
export type KpiState = (typeof KPI_STATES)[number];

export interface KpiReading {
  value: number;
  met: boolean;
}

export interface LiveReading extends KpiReading {
  requests: number;
}

export interface OfflineReading extends KpiReading {
  runId: string;
  dataset: string;
  target: string;
  finishedAt: string | null;
}

export interface KpiStatus {
  name: string;
  metric: string;
  op: KpiOperator;
  threshold: number;
  live: LiveReading | null;
  offline: OfflineReading | null;
  /** missed when a reading misses the threshold, met when every reading meets it, no_data without readings. */
  status: KpiState;
}

export interface UseCaseStatus {
  useCase: string;
  window: { from: string; to: string };
  status: KpiState;
  kpis: KpiStatus[];
}

export function meets(op: KpiOperator, value: number, threshold: number): boolean {
  return op === '>=' ? value >= threshold : value <= threshold;
}

const FINISHED = ['completed', 'completed_with_errors'];

/** The status of every KPI of `useCase` in the project, live over [from, to). */
export async function kpiStatus(db: Db, projectId: string, useCase: UseCase, window: { from: number; to: number }): Promise<UseCaseStatus> {
  const cell = useCase.routes.length > 0 ? await liveCell(db, projectId, useCase.routes, window) : null;
  const kpis: KpiStatus[] = [];
  for (const kpi of useCase.kpis) {
    const liveValue = cell && isLiveKpiMetric(kpi.metric) ? liveMetric(kpi.metric, cell) : null;
    const live = liveValue === null || cell === null ? null : { value: liveValue, met: meets(kpi.op, liveValue, kpi.threshold), requests: cell.requests };
    const offline = await offlineReading(db, projectId, useCase, kpi);
    const readings: KpiReading[] = [];
    if (live) readings.push(live);
    if (offline) readings.push(offline);
    const status: KpiState = readings.length === 0 ? 'no_data' : readings.every((r) => r.met) ? 'met' : 'missed';
    kpis.push({ name: kpi.name, metric: kpi.metric, op: kpi.op, threshold: kpi.threshold, live, offline, status });
  }
  const overall: KpiState = kpis.some((k) => k.status === 'missed') ? 'missed' : kpis.length > 0 && kpis.every((k) => k.status === 'met') ? 'met' : 'no_data';
  return { useCase: useCase.name, window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() }, status: overall, kpis };
}

/** The routes' minute roll-ups over the window, merged into one cell. */
async function liveCell(db: Db, projectId: string, routes: readonly string[], window: { from: number; to: number }): Promise<RollupCell> {
  const rows = await db
    .selectFrom('metric_rollups')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('resolution', '=', 'minute')
    .where('route', 'in', [...routes])
    .where('bucket_start', '>=', window.from)
    .where('bucket_start', '<', window.to)
    .execute();
  const cell = new RollupCell({ projectId, resolution: 'minute', bucketStart: window.from, route: '', model: '', keyId: '' });
  for (const row of rows) cell.mergeRow(row);
  return cell;
}

function liveMetric(metric: LiveKpiMetric, cell: RollupCell): number | null {
  if (cell.requests === 0) return null;
  switch (metric) {
    case 'latency_p50_ms':
      return metricValue('latency_p50', cell);
    case 'latency_p95_ms':
      return metricValue('latency_p95', cell);
    case 'latency_p99_ms':
      return metricValue('latency_p99', cell);
    case 'latency_avg_ms':
      return metricValue('latency_avg', cell);
    case 'error_rate':
      return metricValue('error_rate', cell);
    case 'cost_per_request_usd': {
      const cost = metricValue('cost_usd', cell);
      return cost === null ? null : cost / cell.requests;
    }
    case 'feedback_score':
      return metricValue('feedback_score', cell);
    case 'cache_hit_rate':
      return metricValue('cache_hit_rate', cell);
  }
}

interface StoredSummary {
  items?: number;
  erroredItems?: number;
  costUsd?: number;
  latencyMs?: { mean: number; p50: number; p95: number } | null;
  metrics?: Record<string, { mean: number | null }>;
}

/** The KPI's value on the latest finished run over its dataset that reports it. */
async function offlineReading(db: Db, projectId: string, useCase: UseCase, kpi: Kpi): Promise<OfflineReading | null> {
  const datasetName = kpi.dataset ?? useCase.datasets[0];
  if (!datasetName) return null;
  const dataset = await db.selectFrom('datasets').select('id').where('project_id', '=', projectId).where('name', '=', datasetName).executeTakeFirst();
  if (!dataset) return null;
  const runs = await db
    .selectFrom('eval_runs')
    .select(['id', 'target', 'summary_json', 'finished_at', 'created_at'])
    .where('project_id', '=', projectId)
    .where('dataset_id', '=', dataset.id)
    .where('status', 'in', FINISHED)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  for (const run of runs) {
    const summary = fromJsonColumn<StoredSummary | null>(run.summary_json, null);
    const value = summary ? offlineMetric(kpi.metric, summary) : null;
    if (value === null) continue;
    return { value, met: meets(kpi.op, value, kpi.threshold), runId: run.id, dataset: datasetName, target: run.target, finishedAt: run.finished_at === null ? null : new Date(Number(run.finished_at)).toISOString() };
  }
  return null;
}

function offlineMetric(metric: string, s: StoredSummary): number | null {
  const items = s.items ?? 0;
  switch (metric) {
    case 'latency_p50_ms':
      return s.latencyMs?.p50 ?? null;
    case 'latency_p95_ms':
      return s.latencyMs?.p95 ?? null;
    case 'latency_avg_ms':
      return s.latencyMs?.mean ?? null;
    case 'cost_per_request_usd':
      return items > 0 && s.costUsd !== undefined ? s.costUsd / items : null;
    case 'error_rate':
      return items > 0 && s.erroredItems !== undefined ? s.erroredItems / items : null;
    default: {
      const m = s.metrics?.[metric];
      return m && typeof m.mean === 'number' ? m.mean : null;
    }
  }
}
