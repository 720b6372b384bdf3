// Evaluations (/api/evals and a dataset's leaderboard): runs and their metrics, per-item results,
// aggregates with confidence intervals, paired comparisons, gates and their rule outcomes.
import { z } from 'zod';
import { DATASET_SPLITS } from '../datasets/index.js';
import {
  COMPARISON_DIRECTIONS,
  type EvalGate,
  type EvalRun,
  type GateEvaluation,
  type ItemResult,
  type LeaderboardEntry,
  MetricConfigSchema as MetricConfigFields,
  MetricEntrySchema as MetricEntryFields,
  PromptSpecSchema,
  RUN_STATUSES,
  RunGatesSchema as RunGatesFields,
  RunParamsSchema,
  type ReportedUsage,
  type RunComparison,
  RunSpecSchema,
  type RunSummary,
} from '../evals/index.js';
import { JsonValueSchema } from './json-contract.js';
import type { Agree } from './common-contract.js';

/** The options of a metric: each is typed; the metric refuses what it does not take. */
export const MetricConfigSchema = MetricConfigFields.meta({ id: 'MetricConfig' });

export const MetricEntrySchema = MetricEntryFields.extend({ config: MetricConfigSchema.optional() })
  .strict()
  .meta({ id: 'MetricEntry', examples: [{ metric: 'exact_match', name: 'accuracy' }, { metric: 'llm_judge', config: { model: 'openai/gpt-4o', rubric: 'helpful', threshold: 0.7 } }] });

export const EvalPromptSpecSchema = PromptSpecSchema.meta({ id: 'EvalPromptSpec', description: 'A stored prompt (name with a version or label; pinned to its number when the run is created) or an inline system message and template' });
export const EvalRunGatesSchema = RunGatesFields.meta({ id: 'EvalRunGates' });

export const RunModelSchema = z.object({ name: z.string(), version: z.string() });

/** The run's parameters as stored: defaults applied, with the split and gates it was created with. */
export const EvalRunParamsSchema = RunParamsSchema.extend({ split: z.enum(DATASET_SPLITS).optional(), gates: EvalRunGatesSchema.optional() }).meta({ id: 'EvalRunParams' });

export const CorpusScoreSchema = z.object({
  score: z.number().describe('On the items’ 0..1 scale'),
  sacrebleu: z.number().describe('On sacreBLEU’s 0–100 scale'),
  signature: z.string(),
});

export const MetricAggregateSchema = z
  .object({
    name: z.string(),
    n: z.number().describe('Items with a score'),
    errors: z.number(),
    skipped: z.number(),
    mean: z.number().nullable(),
    ci: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }).nullable().describe('Bootstrap confidence interval of the mean'),
    passRate: z.number().nullable().describe('Share of scored items that passed, when the metric reports pass/fail'),
    failRate: z.number().nullable(),
    errorRate: z.number().describe('Share of evaluated items the metric could not score'),
    corpus: CorpusScoreSchema.optional().describe('bleu, chrf: the corpus-level score over the scored items, with its sacreBLEU signature'),
  })
  .meta({ id: 'EvalMetricAggregate' });

export const RunSummarySchema = z
  .object({
    items: z.number(),
    callErrors: z.number(),
    erroredItems: z.number().describe('Items with a call error or at least one metric error: what a gate’s maxErrorRate bounds'),
    metrics: z.record(z.string(), MetricAggregateSchema),
    latencyMs: z.object({ mean: z.number(), p50: z.number(), p95: z.number() }).nullable(),
    tokens: z.object({ prompt: z.number(), completion: z.number() }),
    costUsd: z.number(),
  })
  .meta({ id: 'EvalRunSummary' });

export const EvalRunSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    projectId: z.string(),
    datasetId: z.string(),
    datasetVersionId: z.string(),
    target: z.string(),
    model: RunModelSchema.nullable().describe('The registry model and version the run evaluates'),
    prompt: EvalPromptSpecSchema.nullable(),
    metrics: z.array(MetricEntrySchema),
    params: EvalRunParamsSchema,
    status: z.enum(RUN_STATUSES),
    progress: z.object({ total: z.number(), completed: z.number(), failed: z.number(), percent: z.number() }),
    summary: RunSummarySchema.nullable().describe('Set when the run finished'),
    error: z.string().nullable(),
    rescoredFrom: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'EvalRun' });

// Usage as the upstream reported it: the OpenAI counts typed, other counts an upstream adds kept.
export const TokenUsageSchema = z
  .looseObject({
    prompt_tokens: z.number(),
    completion_tokens: z.number(),
    total_tokens: z.number(),
    prompt_tokens_details: z.looseObject({ cached_tokens: z.number().optional() }).optional(),
    completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().optional() }).optional(),
  })
  .meta({ id: 'TokenUsage' });

// What a metric found on the item (matched spans, the judge's reasoning, corpus statistics) is the
// metric's own: each metric reports different figures.
const MetricDetailsSchema = z.record(z.string(), JsonValueSchema).optional();

export const MetricResultSchema = z
  .union([
    z.object({ score: z.number(), passed: z.boolean().optional(), details: MetricDetailsSchema }),
    z.object({ error: z.string().describe('The item could not be scored: counted as an error, never as 0'), details: MetricDetailsSchema }),
    z.object({ skipped: z.string().describe('The metric does not apply to the item: left out of aggregates'), details: MetricDetailsSchema }),
  ])
  .meta({ id: 'MetricResult', description: 'Exactly one of score, error or skipped' });

export const ItemResultSchema = z
  .object({
    itemId: z.string(),
    position: z.number(),
    output: z.string().nullable(),
    latencyMs: z.number().nullable(),
    usage: TokenUsageSchema.nullable(),
    costUsd: z.number().nullable(),
    callError: z.string().nullable(),
    scores: z.record(z.string(), MetricResultSchema).describe('Per metric name'),
  })
  .meta({ id: 'EvalItemResult' });

export const MetricComparisonSchema = z
  .object({
    metric: z.string(),
    n: z.number(),
    meanA: z.number(),
    meanB: z.number(),
    difference: z.number().describe('Mean of (b − a) over the items both runs scored'),
    ci: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }),
    pValue: z.number().describe('Two-sided sign-flip permutation p-value'),
    tTestPValue: z.number().nullable().describe('Paired t-test p-value (null with fewer than two pairs)'),
    significant: z.boolean().describe('p < alpha, in either direction'),
    direction: z.enum(COMPARISON_DIRECTIONS),
    regressions: z.array(z.object({ itemId: z.string(), a: z.number(), b: z.number(), difference: z.number() })),
  })
  .meta({ id: 'EvalMetricComparison' });

export const RunComparisonSchema = z
  .object({
    a: z.string(),
    b: z.string(),
    datasetVersionId: z.string(),
    alpha: z.number(),
    metrics: z.array(MetricComparisonSchema),
    skipped: z.array(z.string()).describe('Metrics only one run has'),
  })
  .meta({ id: 'EvalComparison' });

export const GateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    dataset: z.string().nullable().describe('The dataset the gate’s run must be on, or null for any'),
    rules: z.array(z.string()),
    maxErrorRate: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EvalGate' });

export const RuleOutcomeDetailsSchema = z.union([
  z.object({ erroredItems: z.number(), items: z.number(), callErrors: z.number(), metricErrors: z.record(z.string(), z.number()) }).describe('The error budget'),
  z.object({ baselineRunId: z.string(), metrics: z.array(MetricComparisonSchema.pick({ metric: true, difference: true, pValue: true, direction: true })) }).describe('A regression rule'),
]);

export const RuleOutcomeSchema = z
  .object({
    rule: z.string(),
    passed: z.boolean(),
    actual: z.number().nullable().describe('The figure compared, or null when it does not exist'),
    reason: z.string(),
    details: RuleOutcomeDetailsSchema.optional(),
  })
  .meta({ id: 'GateRuleOutcome' });

export const GateEvaluationSchema = z
  .object({ id: z.string(), runId: z.string(), gate: z.string(), passed: z.boolean(), rules: z.array(RuleOutcomeSchema), baselineRunId: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'EvalGateEvaluation' });

export const LeaderboardEntrySchema = z
  .object({
    runId: z.string(),
    target: z.string(),
    model: RunModelSchema.nullable(),
    datasetVersion: z.number(),
    prompt: z.string().nullable().describe('The stored prompt’s name, inline, or null'),
    finishedAt: z.string().nullable(),
    items: z.number(),
    metrics: z.record(z.string(), z.object({ mean: z.number().nullable(), ci: z.object({ lower: z.number(), upper: z.number() }).nullable(), n: z.number() })),
  })
  .meta({ id: 'LeaderboardEntry' });

export const LeaderboardSchema = z.object({ dataset: z.string(), metric: z.string().nullable().describe('The metric entries are sorted by'), entries: z.array(LeaderboardEntrySchema) }).meta({ id: 'Leaderboard' });

// Requests.

export const CreateRunBodySchema = RunSpecSchema.extend({
  prompt: EvalPromptSpecSchema.optional(),
  metrics: z.array(MetricEntrySchema).min(1).max(50),
  gates: EvalRunGatesSchema.optional(),
})
  .strict()
  .meta({ examples: [{ dataset: 'support-qa', target: 'support@candidate', metrics: [{ metric: 'exact_match', name: 'accuracy' }], params: { concurrency: 4 }, gates: { rules: ['accuracy >= 0.8'] } }] });

export const RunListQuerySchema = z.object({ dataset: z.string().optional(), status: z.enum(RUN_STATUSES).optional(), target: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const ResultsQuerySchema = z.object({ cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100), errorsOnly: z.stringbool().default(false) });
export const ResumeBodySchema = z.object({ retryFailed: z.boolean().default(false).describe('Also re-run items whose model call failed') }).strict().prefault({});
export const RescoreBodySchema = z.object({ metrics: z.array(MetricEntrySchema).min(1).max(50), name: z.string().max(200).optional() }).strict();
export const CompareQuerySchema = z.object({ a: z.string().min(1), b: z.string().min(1), alpha: z.coerce.number().gt(0).lt(1).default(0.05), regressionThreshold: z.coerce.number().min(0).default(0) });
export const LeaderboardParamsSchema = z.object({ name: z.string().min(1) });
export const LeaderboardQuerySchema = z.object({ version: z.string().optional(), metric: z.string().optional() });

export const MaxErrorRateSchema = z.number().min(0).max(1).describe('Share of errored items (call or metric error) tolerated; default 0: a single error fails the gate');
export const GateNameParamsSchema = z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i) });
export const PutGateBodySchema = z
  .object({ rules: z.array(z.string().min(1)).min(1).max(50), dataset: z.string().min(1).nullable().optional(), description: z.string().max(2000).optional(), maxErrorRate: MaxErrorRateSchema.optional() })
  .strict();
export const EvaluateGatesBodySchema = z.object({ gates: z.array(z.string().min(1)).optional(), rules: z.array(z.string().min(1)).optional(), maxErrorRate: MaxErrorRateSchema.optional() }).strict().prefault({});

// The contract and the domain describe the same answers: each must accept the other.
true satisfies Agree<z.infer<typeof EvalRunSchema>, EvalRun>;
true satisfies Agree<z.infer<typeof RunSummarySchema>, RunSummary>;
true satisfies Agree<z.infer<typeof ItemResultSchema>, ItemResult>;
true satisfies Agree<z.infer<typeof TokenUsageSchema>, ReportedUsage>;
true satisfies Agree<z.infer<typeof RunComparisonSchema>, RunComparison>;
true satisfies Agree<z.infer<typeof GateSchema>, EvalGate>;
true satisfies Agree<z.infer<typeof GateEvaluationSchema>, GateEvaluation>;
true satisfies Agree<z.infer<typeof LeaderboardEntrySchema>, LeaderboardEntry>;
