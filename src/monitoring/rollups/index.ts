// Metric roll-ups: an incremental, lease-guarded worker folding traces and feedback into
// per-minute and per-hour rows; time-series queries over them; retention of raw traces.
export { ROLLUP_RESOLUTIONS, RESOLUTION_MS, type RollupResolution, RollupCell, bucketOf } from './rollup-bucket.js';
export { ROLLUP_METRICS, type RollupMetric, isRollupMetric, metricValue } from './rollup-metrics.js';
export { RollupWorker, type RollupPass, type RollupWorkerOptions } from './rollup-worker.js';
export { queryTimeseries, type TimeseriesPoint, type TimeseriesQuery } from './timeseries-query.js';
export { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type BreakdownQuery, type BreakdownRow, queryBreakdown } from './breakdown-query.js';
export { deleteExpiredTraces, type RetentionResult } from './trace-retention.js';
export { acquireLease, releaseLease } from './worker-lease.js';
export { feedbackScore } from './feedback-score.js';
export { MetricsService, type MetricsServiceOptions, type MetricPointInput } from './metrics-service.js';
