// Pipelines (/api/pipelines): retraining (curate → train → evaluate → roll out) and migration
// definitions, manual runs, and run records with the artifacts each step made.
import { z } from 'zod';
import { CURATION_KINDS } from '../datasets/curation/feedback-items.js';
import { COMPARISON_REQUIREMENTS, MIGRATION_RETRAIN_MODES, PIPELINE_KINDS, PIPELINE_TRIGGER_KINDS } from '../pipelines/pipeline-definition.js';
import { HyperParametersSchema, TrainingBackendConfigSchema } from './training-contract.js';
// The value lists are the domain's own, declared once there.
export { PIPELINE_KINDS, PIPELINE_TRIGGER_KINDS };

// The service validates a definition strictly (its own messages, kind-specific requirements); the
// contract types every field and lets the service judge, so objects here pass unknown keys on.
export const PipelineDefinitionSchema = z
  .looseObject({
    kind: z.enum(PIPELINE_KINDS).optional().describe('Default retraining'),
    migration: z
      .looseObject({
        route: z.string().describe('The route whose target is migrated'),
        leadDays: z.number().optional().describe('Start this many days before the discontinuation date; default 30'),
        replacement: z.string().optional().describe('Default: the replacement recorded at deprecation'),
        retrain: z.enum(MIGRATION_RETRAIN_MODES).optional(),
        alias: z.string().optional().describe('model@alias moved to the migrated version when it passes'),
        retryHours: z.number().optional(),
      })
      .optional(),
    triggers: z
      .looseObject({
        scheduleSeconds: z.number().int().optional().describe('Run every this many seconds'),
        alertRuleId: z.string().optional().describe('Run when this alert rule fires'),
        driftMetric: z.string().optional(),
        driftThreshold: z.number().optional(),
        feedbackCount: z.number().int().optional().describe('Run after this many new feedback items'),
      })
      .optional(),
    curate: z
      .looseObject({
        dataset: z.string().describe('The dataset that receives curated versions'),
        route: z.string().optional(),
        kind: z.enum(CURATION_KINDS).optional(),
        minItems: z.number().int().optional(),
      })
      .optional(),
    train: z
      .looseObject({
        backend: z.string().optional().describe('Default builtin'),
        method: z.string().optional().describe('Default sft'),
        baseModel: z.string(),
        outputModel: z.string(),
        hyperParameters: HyperParametersSchema.optional(),
        backendConfig: TrainingBackendConfigSchema.optional(),
        timeoutSeconds: z.number().int().optional(),
      })
      .optional(),
    evaluate: z
      .looseObject({
        dataset: z.string(),
        version: z.union([z.string(), z.number().int()]).optional(),
        production: z.string().describe('What production answers with now: a route or a model version'),
        metric: z.string().optional(),
        tolerance: z.number().optional(),
        require: z.enum(COMPARISON_REQUIREMENTS).optional(),
        timeoutSeconds: z.number().int().optional(),
      })
      .optional(),
    rollout: z
      .looseObject({
        route: z.string(),
        steps: z.array(z.number()).optional(),
        minStepSeconds: z.number().int().optional(),
        minRequests: z.number().int().optional(),
        guards: z.looseObject({ maxErrorRateIncrease: z.number().optional(), maxP95LatencyRatio: z.number().optional(), maxFeedbackDrop: z.number().optional(), minComparableSamples: z.number().int().optional() }).optional(),
        timeoutSeconds: z.number().int().optional(),
      })
      .optional(),
  })
  .meta({ id: 'PipelineDefinition' });
export type PipelineDefinition = z.infer<typeof PipelineDefinitionSchema>;

export const PipelineSchema = z
  .object({ id: z.string(), name: z.string(), definition: PipelineDefinitionSchema, enabled: z.boolean(), lastTriggeredAt: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'Pipeline' });

export const CreatePipelineBodySchema = z
  .object({ name: z.string().trim().min(1).max(100), definition: PipelineDefinitionSchema, enabled: z.boolean().optional() })
  .strict()
  .meta({ examples: [{ name: 'support-retrain', definition: { triggers: { feedbackCount: 50 }, curate: { dataset: 'support-corrections' }, train: { baseModel: 'support-001', outputModel: 'support' }, evaluate: { dataset: 'support-eval', production: 'support-bot' }, rollout: { route: 'support-bot' } } }] });

export const PipelineArtifactSchema = z.object({ kind: z.string().describe('dataset_version, training_job, model_version, eval_run, rollout…'), id: z.string(), label: z.string().optional() });

export const PipelineRunSchema = z
  .object({
    id: z.string(),
    pipelineId: z.string(),
    trigger: z.string(),
    triggerDetail: z.string().nullable(),
    retryOf: z.string().nullable().describe('The interrupted run this one retries'),
    status: z.string(),
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    steps: z.array(z.object({ position: z.number(), name: z.string(), status: z.string(), detail: z.string(), artifacts: z.array(PipelineArtifactSchema), startedAt: z.string().nullable(), finishedAt: z.string().nullable() })),
  })
  .meta({ id: 'PipelineRun' });

export const PipelineNameParamsSchema = z.object({ name: z.string().min(1) });
