// Answers time-series questions from roll-ups (never from raw traces, which expire): one metric,
// filtered by route, model version and key, per minute or per hour. Metrics that are not roll-up
// metrics (drift statistics…) come from metric points, averaged per step.
import { StewardError } from '../../errors/index.js';
import type { Db } from '../../store/index.js';
import { RESOLUTION_MS, type RollupResolution, RollupCell, bucketOf } from './rollup-bucket.js';
import { isRollupMetric, metricValue } from './rollup-metrics.js';

export interface TimeseriesQuery {
  projectId: string;
  metric: string;
  step: RollupResolution;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  route?: string;
  model?: string;
  key?: string;
}

export interface TimeseriesPoint {
  /** Bucket start, epoch ms. */
  t: number;
  value: number;
}

const MAX_BUCKETS = 10_000;

/** @throws VALIDATION_FAILED when `to` is not after `from`, or the range holds too many buckets of `step`. */
export function assertQueryRange(q: { from: number; to: number; step: RollupResolution }): void {
  if (!(q.to > q.from)) throw new StewardError({ code: 'VALIDATION_FAILED', message: '`to` must be after `from`' });
  if ((q.to - q.from) / RESOLUTION_MS[q.step] > MAX_BUCKETS) {
    throw new StewardError({ code: 'VALIDATION_FAILED', message: `that range has more than ${MAX_BUCKETS} ${q.step} buckets; use step=hour or a shorter range` });
  }
}

export async function queryTimeseries(db: Db, q: TimeseriesQuery): Promise<TimeseriesPoint[]> {
  assertQueryRange(q);
  if (!isRollupMetric(q.metric)) return queryPoints(db, q);
  const metric = q.metric;
  let query = db
    .selectFrom('metric_rollups')
    .selectAll()
    .where('project_id', '=', q.projectId)
    .where('resolution', '=', q.step)
    .where('bucket_start', '>=', bucketOf(q.from, q.step))
    .where('bucket_start', '<', q.to)
    .orderBy('bucket_start');
  if (q.route !== undefined) query = query.where('route', '=', q.route);
  if (q.model !== undefined) query = query.where('model', '=', q.model);
  if (q.key !== undefined) query = query.where('key_id', '=', q.key);
  const rows = await query.execute();
  const buckets = new Map<number, RollupCell>();
  for (const row of rows) {
    const t = Number(row.bucket_start);
    let cell = buckets.get(t);
    if (!cell) {
      cell = new RollupCell({ projectId: q.projectId, resolution: q.step, bucketStart: t, route: '', model: '', keyId: '' });
      buckets.set(t, cell);
    }
    cell.mergeRow(row);
  }
  const points: TimeseriesPoint[] = [];
  for (const [t, cell] of [...buckets].sort((a, b) => a[0] - b[0])) {
    const value = metricValue(metric, cell);
    if (value !== null) points.push({ t, value });
  }
  return points;
}

async function queryPoints(db: Db, q: TimeseriesQuery): Promise<TimeseriesPoint[]> {
  let query = db.selectFrom('metric_points').select(['at', 'value']).where('project_id', '=', q.projectId).where('metric', '=', q.metric).where('at', '>=', q.from).where('at', '<', q.to).orderBy('at');
  if (q.route !== undefined) query = query.where('route', '=', q.route);
  if (q.model !== undefined) query = query.where('model', '=', q.model);
  const rows = await query.execute();
  const sums = new Map<number, { sum: number; n: number }>();
  for (const row of rows) {
    const t = bucketOf(Number(row.at), q.step);
    const s = sums.get(t) ?? { sum: 0, n: 0 };
    s.sum += Number(row.value);
    s.n += 1;
    sums.set(t, s);
  }
  return [...sums].sort((a, b) => a[0] - b[0]).map(([t, s]) => ({ t, value: s.sum / s.n }));
}
