// The extension point for evaluation metrics: what a metric receives for one item (the model's
// output, the item, timings and the services to call models), and what it answers.
import type { z } from 'zod';
import type { DatasetItem, ItemInput } from '../../datasets/dataset-item.js';
import type { ChatCompletion, ChatRequest, Usage } from '../../providers/spec/index.js';

/** One more call of the model under test (same model version and prompt as the run). */
export interface GenerateResult {
  output: string;
  latencyMs: number;
  usage?: Usage;
}

/**
 * What a metric may call. The runner wires these to the gateway: `chat` for judges (any model by
 * name), `embed` for semantic similarity, `generate` for the model under test (robustness, bias).
 */
export interface MetricServices {
  chat(request: ChatRequest): Promise<ChatCompletion>;
  embed(texts: string[]): Promise<number[][]>;
  generate(input: ItemInput): Promise<GenerateResult>;
}

/** Everything known about one evaluated item. */
export interface MetricContext {
  item: DatasetItem;
  /** The model's answer to `item.input`. */
  output: string;
  /** Further samples for the same input, when the run asked for several (n > 1). */
  outputs?: string[];
  latencyMs?: number;
  usage?: Usage;
  costUsd?: number;
  services: MetricServices;
}

/**
 * A metric's verdict on one item. Exactly one of `score`, `error` or `skipped` is set:
 * `error` means the item could not be scored (a judge's unparsable answer, a missing reference) and
 * must be counted as such, never as a zero; `skipped` means the metric does not apply to the item
 * (a bias test on an input with nothing to swap) and the item should be left out of aggregates.
 */
export type MetricResult =
  | { score: number; passed?: boolean; details?: Record<string, unknown>; error?: undefined; skipped?: undefined }
  | { error: string; details?: Record<string, unknown>; score?: undefined; passed?: undefined; skipped?: undefined }
  | { skipped: string; details?: Record<string, unknown>; score?: undefined; passed?: undefined; error?: undefined };

/**
 * An evaluation metric. `description` says what it measures, its range and its direction;
 * `configSchema` validates the run's configuration once, before any item is scored, so a bad
 * pattern or schema fails the run at creation with a clear message.
 */
export interface EvalMetric<Config> {
  readonly name: string;
  readonly description: string;
  /** True for every built-in metric: scores are oriented so that higher is better. */
  readonly higherIsBetter: boolean;
  /** The range of `score`, usually [0, 1]. */
  readonly range: readonly [number, number];
  readonly configSchema: z.ZodType<Config>;
  score(context: MetricContext, config: Config): Promise<MetricResult>;
}

/** A result for an item that cannot be scored. */
export function metricError(error: string, details?: Record<string, unknown>): MetricResult {
  return details === undefined ? { error } : { error, details };
}

/** A score with a pass/fail against an optional threshold. */
export function thresholdResult(score: number, threshold: number | undefined, details?: Record<string, unknown>): MetricResult {
  const result: MetricResult = { score, details };
  if (threshold !== undefined) result.passed = score >= threshold;
  return result;
}
