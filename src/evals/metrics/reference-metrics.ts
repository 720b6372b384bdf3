// The metrics that compare an output with a reference text: the ones robustness and bias reuse to
// compare a perturbed or counterfactual answer with the original. Kept apart from index.ts so that
// those two metrics can use them without a circular import.
import { z } from 'zod';
import { bleuMetric } from './bleu-metric.js';
import { chrfMetricDefinition, chrfPlusPlusMetric } from './chrf-metric.js';
import { editDistanceMetric } from './edit-distance-metric.js';
import { embeddingSimilarityMetric } from './embedding-similarity-metric.js';
import type { EvalMetric, MetricContext, MetricResult } from './eval-metric.js';
import { exactMatchMetric } from './exact-match-metric.js';
import { numericMetric } from './numeric-metric.js';
import { rouge1Metric, rouge2Metric, rougeLMetric, rougeLsumMetric } from './rouge-metrics.js';
import { tokenF1Metric } from './token-f1-metric.js';

export const REFERENCE_METRICS = {
  exact_match: exactMatchMetric,
  token_f1: tokenF1Metric,
  bleu: bleuMetric,
  chrf: chrfMetricDefinition,
  chrf_pp: chrfPlusPlusMetric,
  rouge_1: rouge1Metric,
  rouge_2: rouge2Metric,
  rouge_l: rougeLMetric,
  rouge_lsum: rougeLsumMetric,
  edit_distance: editDistanceMetric,
  numeric: numericMetric,
  embedding_similarity: embeddingSimilarityMetric,
} as const satisfies Record<string, EvalMetric<unknown>>;

export type ReferenceMetricName = keyof typeof REFERENCE_METRICS;
export const REFERENCE_METRIC_NAMES = Object.keys(REFERENCE_METRICS) as [ReferenceMetricName, ...ReferenceMetricName[]];

/** Config fields of a metric that scores with a reference metric. */
export const baseMetricFields = {
  baseMetric: z.enum(REFERENCE_METRIC_NAMES).default('token_f1'),
  /** The base metric's own configuration. */
  baseConfig: z.record(z.string(), z.unknown()).default({}),
};

/** Adds an issue when `baseConfig` is not valid for `baseMetric`. */
export function checkBaseConfig(
  config: { baseMetric: ReferenceMetricName; baseConfig: Record<string, unknown> },
  context: z.RefinementCtx,
): void {
  const parsed = REFERENCE_METRICS[config.baseMetric].configSchema.safeParse(config.baseConfig);
  if (!parsed.success) {
    context.addIssue({ code: 'custom', path: ['baseConfig'], message: z.prettifyError(parsed.error) });
  }
}

/** Scores `context` with a reference metric and its (already validated) raw configuration. */
export function scoreWithReferenceMetric(
  name: ReferenceMetricName,
  rawConfig: Record<string, unknown>,
  context: MetricContext,
): Promise<MetricResult> {
  const metric: EvalMetric<unknown> = REFERENCE_METRICS[name];
  return metric.score(context, metric.configSchema.parse(rawConfig));
}
