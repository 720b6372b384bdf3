// What a pipeline does and what starts it, validated at the boundary. Two kinds share the records
// and lineage: `retraining` (curate → train → evaluate → roll out) and `migration` (off a version
// whose discontinuation date nears: re-train a fine-tune on the replacement base or take the
// replacement as it is, evaluate it against the route, roll it out, move the alias).
import { z } from 'zod';
import { invalid } from '../errors/index.js';
import { CURATION_KINDS } from '../datasets/curation/feedback-items.js';
import { TRAINING_METHODS } from '../training/training-job.js';

export const MIGRATION_RETRAIN_MODES = ['auto', 'never'] as const;
export const COMPARISON_REQUIREMENTS = ['not_worse', 'better'] as const;

export const PIPELINE_TRIGGER_KINDS = ['manual', 'schedule', 'alert', 'drift', 'feedback', 'discontinuation'] as const;
export type PipelineTriggerKind = (typeof PIPELINE_TRIGGER_KINDS)[number];

export const PIPELINE_KINDS = ['retraining', 'migration'] as const;
export type PipelineKind = (typeof PIPELINE_KINDS)[number];

export const MigrationSpecSchema = z
  .object({
    /** The route whose target is migrated (its targets are read when the run starts). */
    route: z.string().min(1),
    /** Start this many days before the discontinuation date (the sunset date, else the deprecation date). */
    leadDays: z.number().min(0).max(3650).default(30),
    /** What replaces the discontinued version; default the replacement recorded when it was deprecated. */
    replacement: z.string().min(1).optional(),
    /** `auto`: when the route's version is a fine-tune of the discontinued base, re-run its training job on the replacement base. */
    retrain: z.enum(MIGRATION_RETRAIN_MODES).default('auto'),
    /** A model alias (`model@alias`) moved to the migrated version when it passes (and its rollout completes). */
    alias: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'model@alias').optional(),
    /** After a blocked or failed attempt, try again no sooner than this. */
    retryHours: z.number().positive().max(8760).default(24),
  })
  .strict();
export type MigrationSpec = z.infer<typeof MigrationSpecSchema>;

export const PipelineDefinitionSchema = z
  .object({
    kind: z.enum(PIPELINE_KINDS).default('retraining'),
    migration: MigrationSpecSchema.optional(),
    triggers: z
      .object({
        /** Run every this many seconds. */
        scheduleSeconds: z.number().int().positive().optional(),
        /** Run when this alert rule fires. */
        alertRuleId: z.string().min(1).optional(),
        /** Run when a drift monitor's metric passes its threshold (a metric point above `driftThreshold`). */
        driftMetric: z.string().min(1).optional(),
        driftThreshold: z.number().optional(),
        /** Run after this many new feedback items. */
        feedbackCount: z.number().int().positive().optional(),
      })
      .strict()
      .prefault({}),
    curate: z
      .object({
        /** The dataset that receives curated versions (created on first run). */
        dataset: z.string().min(1),
        /** Only feedback on traces of this route. */
        route: z.string().min(1).optional(),
        /** Corrections become SFT examples; thumbs-down answers with a correction become preference pairs. */
        kind: z.enum(CURATION_KINDS).default('sft'),
        minItems: z.number().int().positive().default(1),
      })
      .strict()
      .optional(),
    train: z
      .object({
        backend: z.string().min(1).default('builtin'),
        method: z.enum(TRAINING_METHODS).default('sft'),
        baseModel: z.string().min(1),
        outputModel: z.string().min(1),
        hyperParameters: z.record(z.string(), z.unknown()).default({}),
        backendConfig: z.record(z.string(), z.unknown()).default({}),
        timeoutSeconds: z.number().int().positive().default(3600),
      })
      .strict()
      .optional(),
    evaluate: z
      .object({
        /** Evaluation dataset (held-out); its latest version unless `version` is given. */
        dataset: z.string().min(1),
        version: z.union([z.string(), z.number().int().positive()]).optional(),
        /** What production answers with now (a route or a model version); compared against the candidate. */
        production: z.string().min(1),
        metric: z.string().min(1).default('exact_match'),
        /** The candidate passes when its score ≥ production's − tolerance. */
        tolerance: z.number().min(0).default(0),
        /** `better`: only when the paired confidence interval of (candidate − production) lies above 0. */
        require: z.enum(COMPARISON_REQUIREMENTS).default('not_worse'),
        timeoutSeconds: z.number().int().positive().default(1800),
      })
      .strict()
      .optional(),
    rollout: z
      .object({
        route: z.string().min(1),
        steps: z.array(z.number().positive().max(100)).optional(),
        minStepSeconds: z.number().int().positive().optional(),
        /** Requests the canary must serve at a step before it may advance. */
        minRequests: z.number().int().positive().optional(),
        /** Limits of the canary against the baseline (rollout-plan's guards; defaults for the rest). */
        guards: z.object({ maxErrorRateIncrease: z.number().min(0), maxP95LatencyRatio: z.number().positive(), maxFeedbackDrop: z.number().min(0), minComparableSamples: z.number().int().positive() }).partial().strict().optional(),
        /** How long to wait for the rollout to be promoted or rolled back. */
        timeoutSeconds: z.number().int().positive().default(7200),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    const need = (field: 'curate' | 'train' | 'migration', why: string) => {
      if (d[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required ${why}` });
    };
    if (d.kind === 'retraining') {
      need('curate', 'for a retraining pipeline');
      need('train', 'for a retraining pipeline');
      if (d.migration) ctx.addIssue({ code: 'custom', path: ['migration'], message: 'migration belongs to kind: migration' });
    } else {
      need('migration', 'for a migration pipeline');
      if (d.curate) ctx.addIssue({ code: 'custom', path: ['curate'], message: 'a migration curates nothing (its training job is re-run on the replacement base)' });
      if (d.migration && !d.rollout && !d.migration.alias) ctx.addIssue({ code: 'custom', path: ['migration', 'alias'], message: 'a migration needs a rollout or an alias to move, or it would change nothing' });
    }
  });

export type PipelineDefinition = z.infer<typeof PipelineDefinitionSchema>;
export type PipelineDefinitionInput = z.input<typeof PipelineDefinitionSchema>;

export function parsePipelineDefinition(input: unknown): PipelineDefinition {
  const result = PipelineDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(`invalid pipeline: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}
