// The options a metric's configuration may hold, typed once for every metric: what a run's
// `metrics[].config` accepts. Each metric then validates its own (ranges, required fields, unknown keys).
import { z } from 'zod';
import { PERTURBATION_KINDS, SWAP_KINDS } from '../../datasets/augmentation/index.js';
import { SQUAD_NORMALISATIONS } from './answer-text.js';
import { BLEU_SMOOTHINGS } from './bleu-metric.js';
import { CONTAINS_MODES } from './contains-metric.js';
import { BUILTIN_RUBRICS } from './judge-rubrics.js';
import { NUMBER_EXTRACTS } from './numeric-metric.js';
import { REFERENCE_METRIC_NAMES } from './reference-metrics.js';
import { REGEX_EXPECTATIONS } from './regex-metric.js';
import { ROBUSTNESS_COMPARISONS } from './robustness-metric.js';
import { ROUGE_MEASURES } from './rouge-metrics.js';
import { BLEU_TOKENISERS } from './sacrebleu-tokenisers.js';
import { TOXICITY_MODES } from './toxicity-metric.js';

// Loose on purpose: a key one metric does not know is that metric's to refuse (METRIC_CONFIG_INVALID
// names it), so the configuration types each known option and passes other keys on.

/** The options of the metrics that compare an output with a reference (what robustness and bias score with). */
export const ReferenceMetricConfigSchema = z.looseObject({
  threshold: z.number().optional().describe('Score at or above which an item passes (most metrics); no `passed` without it'),
  // exact_match, token_f1, edit_distance, numeric
  normalization: z.enum(SQUAD_NORMALISATIONS).optional().describe('exact_match, token_f1'),
  caseSensitive: z.boolean().optional().describe('exact_match, contains, edit_distance (default false)'),
  stripPunctuation: z.boolean().optional().describe('exact_match'),
  removeArticles: z.boolean().optional().describe('exact_match'),
  collapseWhitespace: z.boolean().optional().describe('exact_match (default true)'),
  maxLength: z.number().optional().describe('edit_distance: texts are cut to this many characters (default 5000)'),
  absolute: z.number().optional().describe('numeric: absolute tolerance'),
  relative: z.number().optional().describe('numeric: relative tolerance'),
  extract: z.enum(NUMBER_EXTRACTS).optional().describe('numeric: which number of the output is its answer (default last)'),
  // bleu, chrf, rouge
  tokenize: z.enum(BLEU_TOKENISERS).optional().describe('bleu (default 13a)'),
  lowercase: z.boolean().optional().describe('bleu, chrf'),
  smoothing: z.enum(BLEU_SMOOTHINGS).optional().describe('bleu (default exp)'),
  smoothValue: z.number().optional().describe('bleu'),
  maxOrder: z.number().optional().describe('bleu (default 4)'),
  effectiveOrder: z.boolean().optional().describe('bleu (default true per item)'),
  charOrder: z.number().optional().describe('chrf (default 6)'),
  wordOrder: z.number().optional().describe('chrf (0), chrf_pp (2)'),
  beta: z.number().optional().describe('chrf (default 2)'),
  whitespace: z.boolean().optional().describe('chrf'),
  epsSmoothing: z.boolean().optional().describe('chrf'),
  useStemmer: z.boolean().optional().describe('rouge_*'),
  measure: z.enum(ROUGE_MEASURES).optional().describe('rouge_* (default fmeasure)'),
});

export const MetricConfigSchema = ReferenceMetricConfigSchema.extend({
  model: z.string().optional().describe('llm_judge, RAG judges, toxicity (judge mode), context_precision, context_recall: the judge model'),
  temperature: z.number().optional().describe('Judges: sampling temperature (default 0)'),
  // llm_judge
  rubric: z.enum([...BUILTIN_RUBRICS, 'custom']).optional().describe('llm_judge (default helpful)'),
  criteria: z.string().optional().describe('llm_judge: the criteria of a custom rubric'),
  scale: z.object({ min: z.number(), max: z.number() }).optional().describe('llm_judge (default 1–10)'),
  useReference: z.boolean().optional().describe('llm_judge: show the reference answer to the judge (default true)'),
  questions: z.number().optional().describe('answer_relevancy: questions the judge writes (default 3)'),
  // contains, regex, json_valid, json_schema
  values: z.array(z.string()).optional().describe('contains: strings to look for (default the references)'),
  mode: z.enum([...CONTAINS_MODES, ...TOXICITY_MODES]).optional().describe('contains: any | all; toxicity: lexicon | judge | both'),
  pattern: z.string().optional().describe('regex'),
  flags: z.string().optional().describe('regex: any of i, m, s, u'),
  expect: z.enum(REGEX_EXPECTATIONS).optional().describe('regex (default match)'),
  allowCodeFence: z.boolean().optional().describe('json_valid, json_schema (default true)'),
  requireContainer: z.boolean().optional().describe('json_valid'),
  // The user's own JSON Schema document.
  schema: z.record(z.string(), z.unknown()).optional().describe('json_schema: the JSON Schema the output must satisfy'),
  // robustness, bias
  perturbations: z.array(z.enum(PERTURBATION_KINDS)).optional().describe('robustness (default all)'),
  rate: z.number().optional().describe('robustness: share of eligible words each perturbation touches'),
  swaps: z.array(z.enum(SWAP_KINDS)).optional().describe('bias (default all)'),
  seed: z.union([z.number(), z.string()]).optional().describe('robustness, bias'),
  baseMetric: z.enum(REFERENCE_METRIC_NAMES).optional().describe('robustness, bias: the reference metric answers are scored with (default token_f1)'),
  baseConfig: ReferenceMetricConfigSchema.optional().describe('robustness, bias: the base metric’s own configuration'),
  compareTo: z.enum(ROBUSTNESS_COMPARISONS).optional().describe('robustness (default auto)'),
  maxDrop: z.number().optional().describe('robustness'),
  maxGap: z.number().optional().describe('bias'),
  // toxicity, efficiency, retrieval
  judgeThreshold: z.number().optional().describe('toxicity: judge toxicity above which the item fails (default 0.5)'),
  maxLatencyMs: z.number().optional().describe('efficiency'),
  maxTotalTokens: z.number().optional().describe('efficiency'),
  maxCompletionTokens: z.number().optional().describe('efficiency'),
  maxCostUsd: z.number().optional().describe('efficiency'),
  k: z.number().optional().describe('retrieval_*: cut-off rank (default all)'),
});
export type MetricConfig = z.infer<typeof MetricConfigSchema>;
