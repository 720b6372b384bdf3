// The metrics a time series can be asked for, computed from merged roll-up cells. Anything else
// is looked up in metric points (drift statistics and other recorded values).
import type { RollupCell } from './rollup-bucket.js';

export const ROLLUP_METRICS = [
  'requests',
  'errors',
  'error_rate',
  'cache_hit_rate',
  'tokens_in',
  'tokens_out',
  'tokens',
  'cost_usd',
  'latency_avg',
  'latency_p50',
  'latency_p90',
  'latency_p95',
  'latency_p99',
  'ttft_p50',
  'ttft_p90',
  'ttft_p95',
  'ttft_p99',
  'feedback_score',
  'feedback_count',
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

export function isRollupMetric(name: string): name is RollupMetric {
  return (ROLLUP_METRICS as readonly string[]).includes(name);
}

const QUANTILES: Record<string, number> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

/** The value of `metric` over a merged cell; null when the cell has nothing to say (no TTFT, no feedback). */
export function metricValue(metric: RollupMetric, cell: RollupCell): number | null {
  switch (metric) {
    case 'requests':
      return cell.requests;
    case 'errors':
      return cell.errors;
    case 'error_rate':
      return cell.requests ? cell.errors / cell.requests : null;
    case 'cache_hit_rate':
      return cell.requests ? cell.cacheHits / cell.requests : null;
    case 'tokens_in':
      return cell.tokensIn;
    case 'tokens_out':
      return cell.tokensOut;
    case 'tokens':
      return cell.tokensIn + cell.tokensOut;
    case 'cost_usd':
      return cell.costUsd;
    case 'latency_avg':
      return cell.latency.count ? cell.latency.sum / cell.latency.count : null;
    case 'feedback_score':
      return cell.feedbackCount ? cell.feedbackSum / cell.feedbackCount : null;
    case 'feedback_count':
      return cell.feedbackCount;
    default: {
      const [family, q] = metric.split('_');
      const histogram = family === 'ttft' ? cell.ttft : cell.latency;
      return histogram.count ? histogram.quantile(QUANTILES[q]) : null;
    }
  }
}
