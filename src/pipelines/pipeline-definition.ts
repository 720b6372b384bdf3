// What a retraining pipeline does and what starts it, validated at the boundary.
import { z } from 'zod';
import { invalid } from '../errors/index.js';
import { TRAINING_METHODS } from '../training/training-job.js';

export const PIPELINE_TRIGGER_KINDS = ['manual', 'schedule', 'alert', 'drift', 'feedback'] as const;
export type PipelineTriggerKind = (typeof PIPELINE_TRIGGER_KINDS)[number];

export const PipelineDefinitionSchema = z
  .object({
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
        kind: z.enum(['sft', 'preference']).default('sft'),
        minItems: z.number().int().positive().default(1),
      })
      .strict(),
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
      .strict(),
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
        /** How long to wait for the rollout to be promoted or rolled back. */
        timeoutSeconds: z.number().int().positive().default(7200),
      })
      .strict()
      .optional(),
  })
  .strict();

export type PipelineDefinition = z.infer<typeof PipelineDefinitionSchema>;
export type PipelineDefinitionInput = z.input<typeof PipelineDefinitionSchema>;

export function parsePipelineDefinition(input: unknown): PipelineDefinition {
  const result = PipelineDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(`invalid pipeline: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}
