// Evaluation metrics: the EvalMetric interface, one file per metric, and the explicit registry the
// eval runner resolves metric names with. Adding a metric is one file and one line here.
import { z } from 'zod';
import { StewardError } from '../../errors/index.js';
import { answerRelevancyMetric } from './answer-relevancy-metric.js';
import { biasMetric } from './bias-metric.js';
import { containsMetric } from './contains-metric.js';
import { contextPrecisionMetric } from './context-precision-metric.js';
import { contextRecallMetric } from './context-recall-metric.js';
import { efficiencyMetric } from './efficiency-metric.js';
import { faithfulnessMetric } from './faithfulness-metric.js';
import type { EvalMetric, MetricContext, MetricResult } from './eval-metric.js';
import { jsonSchemaMetric } from './json-schema-metric.js';
import { jsonValidMetric } from './json-valid-metric.js';
import { llmJudgeMetric } from './llm-judge-metric.js';
import type { MetricConfig } from './metric-config.js';
import { REFERENCE_METRICS } from './reference-metrics.js';
import { regexMetric } from './regex-metric.js';
import { retrievalHitRateMetric, retrievalMrrMetric, retrievalNdcgMetric } from './retrieval-metrics.js';
import { robustnessMetric } from './robustness-metric.js';
import { toxicityMetric } from './toxicity-metric.js';

export type { EvalMetric, MetricContext, MetricResult, MetricServices, GenerateResult } from './eval-metric.js';
export { metricError, thresholdResult } from './eval-metric.js';
export { BUILTIN_RUBRICS, RUBRIC_TEXT, type BuiltinRubric } from './judge-rubrics.js';
export { parseJudgeVerdict, type JudgeVerdict } from './judge-score-parse.js';
export { buildJudgeRequest } from './llm-judge-metric.js';
export { tokenF1 } from './token-f1-metric.js';
export { sentenceBleu, corpusBleu, computeBleu, sumBleuStatistics, bleuSignature, BLEU_SMOOTHINGS, SACREBLEU_VERSION, type BleuSmoothing, type BleuScore } from './bleu-metric.js';
export { sentenceChrf, corpusChrf, chrfFromStatistics, chrfSignature } from './chrf-metric.js';
export { corpusScore, type CorpusScore } from './corpus-scores.js';
export { BLEU_TOKENISERS, type BleuTokeniser } from './sacrebleu-tokenisers.js';
export { rougeScore, rougeTokens, rougeN, rougeL, rougeLsum, lcsLength, ROUGE_TYPES, type RougeType, type RougeScore } from './rouge-metrics.js';
export { porterStem } from './porter-stemmer.js';
export { levenshtein, levenshteinSimilarity } from './edit-distance-metric.js';
export { cosineSimilarity } from './embedding-similarity-metric.js';
export { extractNumber } from './numeric-metric.js';
export { hitRate, reciprocalRank, ndcgAtK } from './retrieval-metrics.js';
export { rankWeightedPrecision } from './context-precision-metric.js';
export { readJudgeJson } from './rag-judge.js';
export { REFERENCE_METRICS, REFERENCE_METRIC_NAMES, type ReferenceMetricName } from './reference-metrics.js';
export { MetricConfigSchema, type MetricConfig } from './metric-config.js';
export { CONTAINS_MODES } from './contains-metric.js';
export { NUMBER_EXTRACTS } from './numeric-metric.js';
export { REGEX_EXPECTATIONS } from './regex-metric.js';
export { ROBUSTNESS_COMPARISONS } from './robustness-metric.js';
export { ROUGE_MEASURES } from './rouge-metrics.js';

/** Every metric by name. */
export const METRICS = {
  ...REFERENCE_METRICS,
  contains: containsMetric,
  regex: regexMetric,
  json_valid: jsonValidMetric,
  json_schema: jsonSchemaMetric,
  llm_judge: llmJudgeMetric,
  robustness: robustnessMetric,
  bias: biasMetric,
  toxicity: toxicityMetric,
  efficiency: efficiencyMetric,
  context_precision: contextPrecisionMetric,
  context_recall: contextRecallMetric,
  faithfulness: faithfulnessMetric,
  answer_relevancy: answerRelevancyMetric,
  retrieval_hit_rate: retrievalHitRateMetric,
  retrieval_mrr: retrievalMrrMetric,
  retrieval_ndcg: retrievalNdcgMetric,
} as const satisfies Record<string, EvalMetric<unknown>>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

type ConfigOf<M> = M extends EvalMetric<infer Config> ? Config : never;
// Every metric's configuration is one MetricConfig describes (a new option must be declared there).
({}) as { [Name in MetricName]: ConfigOf<(typeof METRICS)[Name]> } satisfies Record<MetricName, MetricConfig>;

/** True when `name` is a registered metric. */
export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

/**
 * The metric registered under `name`.
 * @throws StewardError `METRIC_NOT_FOUND`, listing the known names.
 */
export function getMetric(name: string): EvalMetric<unknown> {
  if (!isMetricName(name)) {
    throw new StewardError({
      code: 'METRIC_NOT_FOUND',
      message: `Unknown metric "${name}"; known metrics: ${METRIC_NAMES.join(', ')}`,
      details: { metric: name, known: METRIC_NAMES },
    });
  }
  return METRICS[name];
}

/**
 * Validates a metric's configuration (defaults applied).
 * @throws StewardError `METRIC_CONFIG_INVALID` with zod's issues in `details`.
 */
export function parseMetricConfig(metric: EvalMetric<unknown>, rawConfig: unknown = {}): unknown {
  const parsed = metric.configSchema.safeParse(rawConfig ?? {});
  if (!parsed.success) {
    throw new StewardError({
      code: 'METRIC_CONFIG_INVALID',
      message: `Invalid configuration for metric "${metric.name}": ${z.prettifyError(parsed.error)}`,
      details: { metric: metric.name, issues: parsed.error.issues },
    });
  }
  return parsed.data;
}

/** A metric with its configuration validated once, ready to score items. */
export interface BoundMetric {
  readonly name: string;
  readonly metric: EvalMetric<unknown>;
  /** The validated configuration, defaults applied. */
  readonly config: unknown;
  /** Scores one item; an exception (an upstream failure, a bug) becomes an `error` result for the item. */
  score(context: MetricContext): Promise<MetricResult>;
}

/**
 * Resolves and validates a metric for a run, so that an unknown name or a bad configuration fails
 * when the run is created, not on its first item.
 *
 * @example
 * const metric = bindMetric('regex', { pattern: '^\\d+$' });
 * const result = await metric.score({ item, output: '42', services });
 */
export function bindMetric(name: string, rawConfig?: unknown): BoundMetric {
  const metric = getMetric(name);
  const config = parseMetricConfig(metric, rawConfig);
  return {
    name,
    metric,
    config,
    async score(context) {
      try {
        return await metric.score(context, config);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { error: `${name} failed: ${message}` };
      }
    },
  };
}
