// One roll-up cell (project × resolution × bucket × route × model × key) while it is being built:
// counters and mergeable histograms, merged with what is already stored.
import { LogLinearHistogram } from '../histogram/index.js';
import type { MetricRollupsTable } from '../../store/index.js';

export const ROLLUP_RESOLUTIONS = ['minute', 'hour'] as const;
export type RollupResolution = (typeof ROLLUP_RESOLUTIONS)[number];

export const RESOLUTION_MS: Record<RollupResolution, number> = { minute: 60_000, hour: 3_600_000 };

export interface RollupKey {
  projectId: string;
  resolution: RollupResolution;
  bucketStart: number;
  route: string;
  model: string;
  keyId: string;
}

export class RollupCell {
  requests = 0;
  errors = 0;
  cacheHits = 0;
  tokensIn = 0;
  tokensOut = 0;
  costUsd = 0;
  feedbackCount = 0;
  feedbackSum = 0;
  latency = new LogLinearHistogram();
  ttft = new LogLinearHistogram();

  constructor(readonly key: RollupKey) {}

  /** Adds a stored row (the cell's earlier content) into this one. */
  mergeRow(row: MetricRollupsTable): this {
    this.requests += Number(row.requests);
    this.errors += Number(row.errors);
    this.cacheHits += Number(row.cache_hits);
    this.tokensIn += Number(row.tokens_in);
    this.tokensOut += Number(row.tokens_out);
    this.costUsd += Number(row.cost_usd);
    this.feedbackCount += Number(row.feedback_count);
    this.feedbackSum += Number(row.feedback_sum);
    this.latency.merge(LogLinearHistogram.fromJSON(row.latency_hist));
    this.ttft.merge(LogLinearHistogram.fromJSON(row.ttft_hist));
    return this;
  }

  toRow(now: number): MetricRollupsTable {
    return {
      project_id: this.key.projectId,
      resolution: this.key.resolution,
      bucket_start: this.key.bucketStart,
      route: this.key.route,
      model: this.key.model,
      key_id: this.key.keyId,
      requests: this.requests,
      errors: this.errors,
      cache_hits: this.cacheHits,
      tokens_in: this.tokensIn,
      tokens_out: this.tokensOut,
      cost_usd: this.costUsd,
      latency_hist: JSON.stringify(this.latency.toJSON()),
      ttft_hist: JSON.stringify(this.ttft.toJSON()),
      feedback_count: this.feedbackCount,
      feedback_sum: this.feedbackSum,
      updated_at: now,
    };
  }
}

export function cellId(k: RollupKey): string {
  return JSON.stringify([k.projectId, k.resolution, k.bucketStart, k.route, k.model, k.keyId]);
}

export function bucketOf(at: number, resolution: RollupResolution): number {
  return Math.floor(at / RESOLUTION_MS[resolution]) * RESOLUTION_MS[resolution];
}
