// What an evaluation run is asked to do: dataset version × target × optional prompt × metrics,
// with sampling and execution parameters. Validated once, at creation; metrics are bound then, so
// an unknown metric or a bad configuration (a JSON Schema that does not compile) is a 400.
import { z } from 'zod';
import { DATASET_SPLITS } from '../../datasets/index.js';
import { StewardError } from '../../errors/index.js';
import { type BoundMetric, MetricConfigSchema, bindMetric } from '../metrics/index.js';

export const MetricEntrySchema = z
  .object({
    /** A registered metric (exact_match, llm_judge, …). */
    metric: z.string().min(1),
    /** The name results and gates use (default: the metric's), e.g. `accuracy` for exact_match. */
    name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/i, 'letters, digits and underscore').optional(),
    /** The metric's options (each metric validates its own when the run is created). */
    config: MetricConfigSchema.optional(),
  })
  .strict();
export type MetricEntry = z.infer<typeof MetricEntrySchema>;

export const PromptSpecSchema = z
  .object({
    /** A prompt version from the prompts part (`name` and `version` or label). */
    name: z.string().min(1).optional(),
    version: z.union([z.string().min(1), z.number().int().positive()]).optional(),
    /** A system message sent before the item's input. */
    system: z.string().optional(),
    /** A user message template; `{{input}}` is the item's text, `{{metadata.key}}` its metadata, `{{contexts}}` a RAG item's passages. */
    template: z.string().optional(),
  })
  .strict();
export type PromptSpec = z.infer<typeof PromptSpecSchema>;

export const RunParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    /** Model calls in flight at once. */
    concurrency: z.number().int().min(1).max(256).default(8),
    /** Per-call deadline. */
    timeoutMs: z.number().int().positive().max(3_600_000).default(120_000),
    /** Embedding model for semantic metrics. */
    embeddingModel: z.string().min(1).optional(),
    /** Bootstrap resamples for confidence intervals. */
    resamples: z.number().int().min(100).max(20_000).default(2000),
  })
  .strict();
export type RunParams = z.infer<typeof RunParamsSchema>;

/** The gates a run will be held to: validated with the run, so a bad rule costs no model call. */
export const RunGatesSchema = z
  .object({
    /** Inline rules, e.g. `accuracy >= 0.8` or `no significant regression vs production`. */
    rules: z.array(z.string().min(1)).max(50).optional(),
    /** Names of stored gates (PUT /api/evals/gates/{name}). */
    gates: z.array(z.string().min(1)).max(50).optional(),
    /** Share of errored items (call or metric error) inline rules tolerate; default 0: a single error fails. */
    maxErrorRate: z.number().min(0).max(1).optional(),
  })
  .strict();
export type RunGates = z.infer<typeof RunGatesSchema>;

export const RunSpecSchema = z
  .object({
    name: z.string().max(200).optional(),
    dataset: z.string().min(1),
    datasetVersion: z.union([z.string().min(1), z.number().int().positive()]).default('latest'),
    /** Evaluate only the items of this split. */
    split: z.enum(DATASET_SPLITS).optional(),
    /** The model name the gateway resolves: a route, `provider/model`, or a model version. */
    target: z.string().min(1),
    /** The registry model and version this run evaluates (gates, leaderboards, regressions). */
    model: z.object({ name: z.string().min(1), version: z.string().min(1) }).strict().optional(),
    prompt: PromptSpecSchema.optional(),
    metrics: z.array(MetricEntrySchema).min(1).max(50),
    params: RunParamsSchema.prefault({}),
    gates: RunGatesSchema.optional(),
  })
  .strict();
export type RunSpec = z.infer<typeof RunSpecSchema>;
export type RunSpecInput = z.input<typeof RunSpecSchema>;

/** Binds every metric entry; unknown metrics and bad configurations are 400s naming the entry. */
export function bindMetrics(entries: readonly MetricEntry[]): BoundMetric[] {
  const names = new Set<string>();
  return entries.map((entry, index) => {
    const name = entry.name ?? entry.metric;
    if (names.has(name)) throw new StewardError({ code: 'VALIDATION_FAILED', message: `metrics[${index}]: the name ${name} is used twice; give one a distinct name` });
    names.add(name);
    try {
      const bound = bindMetric(entry.metric, entry.config);
      return { ...bound, name, score: bound.score };
    } catch (error) {
      if (error instanceof StewardError && error.code === 'METRIC_NOT_FOUND') {
        throw new StewardError({ code: 'VALIDATION_FAILED', message: `metrics[${index}]: ${error.message}`, details: error.details });
      }
      if (error instanceof StewardError) throw new StewardError({ code: error.code, message: `metrics[${index}]: ${error.message}`, details: error.details });
      throw error;
    }
  });
}
