// Traffic over a range, one row per route or per model, from one read of the roll-ups: requests,
// errors, latency percentiles over the whole range (the buckets' histograms merged, not the worst
// bucket), tokens and cost.
import type { Db } from '../../store/index.js';
import { type RollupResolution, RollupCell, bucketOf } from './rollup-bucket.js';
import { metricValue } from './rollup-metrics.js';
import { assertQueryRange } from './timeseries-query.js';

export const BREAKDOWN_DIMENSIONS = ['route', 'model'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownQuery {
  projectId: string;
  by: BreakdownDimension;
  step: RollupResolution;
  /** Epoch ms, inclusive (rounded down to its bucket). */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

export interface BreakdownRow {
  /** The route or model; null for calls made without one (a model called directly, a request refused before a model was chosen). */
  name: string | null;
  requests: number;
  errors: number;
  errorRate: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  tokens: number;
  costUsd: number;
}

export async function queryBreakdown(db: Db, q: BreakdownQuery): Promise<BreakdownRow[]> {
  assertQueryRange(q);
  const rows = await db
    .selectFrom('metric_rollups')
    .selectAll()
    .where('project_id', '=', q.projectId)
    .where('resolution', '=', q.step)
    .where('bucket_start', '>=', bucketOf(q.from, q.step))
    .where('bucket_start', '<', q.to)
    .execute();
  const cells = new Map<string, RollupCell>();
  for (const row of rows) {
    const name = q.by === 'route' ? row.route : row.model;
    let cell = cells.get(name);
    if (!cell) {
      cell = new RollupCell({ projectId: q.projectId, resolution: q.step, bucketStart: bucketOf(q.from, q.step), route: '', model: '', keyId: '' });
      cells.set(name, cell);
    }
    cell.mergeRow(row);
  }
  return [...cells]
    .map(([name, cell]) => ({
      name: name === '' ? null : name,
      requests: cell.requests,
      errors: cell.errors,
      errorRate: metricValue('error_rate', cell),
      latencyP50Ms: metricValue('latency_p50', cell),
      latencyP95Ms: metricValue('latency_p95', cell),
      tokens: cell.tokensIn + cell.tokensOut,
      costUsd: cell.costUsd,
    }))
    .filter((row) => row.requests > 0)
    .sort((a, b) => b.requests - a.requests || String(a.name).localeCompare(String(b.name)));
}

