// Training (/api/training): fine-tune, preference-tune, distillation and quantisation jobs, their
// hyper-parameters and backend settings, progress, logs and loss curve.
import { z } from 'zod';
import { TRAINING_METHODS, TRAINING_JOB_STATES } from '../training/training-job.js';
import { JsonValueSchema } from './json-contract.js';
import { ModelVersionSpecSchema } from './model-contract.js';
// The value lists are the domain's own, declared once there.
export { TRAINING_METHODS, TRAINING_JOB_STATES };

// Ranges and unknown names are the service's to refuse (HYPERPARAMETER_INVALID names each one),
// so the contract types the values and passes other keys on.
export const HyperParametersSchema = z
  .looseObject({
    learningRate: z.number().optional().describe('0 < x ≤ 1; default 1e-3'),
    batchSize: z.number().optional().describe('1–4096; default 8'),
    epochs: z.number().optional().describe('1–1000; default 1'),
    warmupSteps: z.number().optional().describe('default 0'),
    seed: z.number().optional().describe('default 1'),
    adapterRank: z.number().optional().describe('LoRA rank where the backend trains adapters; absent means full fine-tuning'),
    maxSteps: z.number().optional().describe('Stop after this many optimiser steps'),
    beta: z.number().optional().describe('DPO temperature'),
    temperature: z.number().optional().describe('Distillation: softmax temperature of the teacher'),
  })
  .meta({ id: 'HyperParameters' });

/** Settings of the chosen backend: builtin (full, teacherModel, threads, inWorker), openai (…), command (command, args, env). */
export const TrainingBackendConfigSchema = z
  .looseObject({
    full: z.boolean().optional().describe('builtin: train every weight instead of an adapter'),
    teacherModel: z.string().optional().describe('builtin: the teacher of a distillation'),
    threads: z.number().optional().describe('builtin'),
    inWorker: z.boolean().optional().describe('builtin'),
    baseUrl: z.string().optional().describe('openai: the fine-tuning API'),
    apiKeySecret: z.string().optional().describe('openai: the name of the stored secret holding the key'),
    suffix: z.string().optional().describe('openai'),
    learningRateMultiplier: z.number().optional().describe('openai'),
    pollIntervalMs: z.number().optional().describe('openai'),
    servingProvider: z.string().optional().describe('openai: the provider that serves the result'),
    command: z.string().optional().describe('command: the trainer to run'),
    args: z.array(z.string()).optional().describe('command'),
    env: z.record(z.string(), z.string()).optional().describe('command'),
  })
  .meta({ id: 'TrainingBackendConfig' });

export const TrainingJobSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    backend: z.string(),
    method: z.enum(TRAINING_METHODS),
    baseModel: z.string(),
    outputModel: z.string(),
    datasetVersionId: z.string().nullable(),
    hyperParameters: HyperParametersSchema,
    backendConfig: TrainingBackendConfigSchema,
    state: z.enum(TRAINING_JOB_STATES),
    attempt: z.number(),
    progress: z.number(),
    step: z.number(),
    totalSteps: z.number(),
    etaSeconds: z.number().nullable(),
    lastLoss: z.number().nullable(),
    error: z.string().nullable(),
    output: z
      .object({ artifactPath: z.string().nullable(), remoteModel: z.string().nullable(), remoteJobId: z.string().nullable(), metrics: z.record(z.string(), z.number()), spec: ModelVersionSpecSchema })
      .nullable(),
    modelVersionId: z.string().nullable(),
    cancelRequested: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'TrainingJob' });
export type TrainingJob = z.infer<typeof TrainingJobSchema>;

export const TrainingJobEventSchema = z
  .object({
    seq: z.number(),
    at: z.string(),
    kind: z.enum(['log', 'metric']),
    level: z.string(),
    message: z.string(),
    step: z.number().nullable(),
    loss: z.number().nullable(),
    // What the backend reported with the line (its own metric names and values).
    data: JsonValueSchema,
  })
  .meta({ id: 'TrainingJobEvent' });

/** A training item given inline: a chat or text example, or a preference pair. */
export const TrainingItemSchema = z.looseObject({
  input: z.union([z.string(), z.array(z.looseObject({ role: z.string(), content: z.string().nullable() }))]).optional(),
  reference: z.string().optional(),
  chosen: z.string().optional(),
  rejected: z.string().optional(),
});

export const CreateTrainingJobBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    backend: z.string().min(1).describe('builtin, openai, command, …'),
    method: z.enum(TRAINING_METHODS),
    baseModel: z.string().min(1).describe('Model version, provider model or builtin base to train from'),
    outputModel: z.string().min(1).describe('Registry model the result is registered under as a candidate'),
    datasetVersionId: z.string().min(1).optional(),
    items: z.array(TrainingItemSchema).max(100_000).optional().describe('Training items inline (instead of a dataset version)'),
    hyperParameters: HyperParametersSchema.optional(),
    backendConfig: TrainingBackendConfigSchema.optional(),
  })
  .strict()
  .meta({ examples: [{ backend: 'builtin', method: 'sft', baseModel: 'builtin/steward-mini', outputModel: 'support', datasetVersionId: 'dsv_01J…', hyperParameters: { learningRate: 2e-4, epochs: 3 } }] });

export const TrainingJobQuerySchema = z.object({ state: z.enum(TRAINING_JOB_STATES).optional(), cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });
export const TrainingLogQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional(), kind: z.enum(['log', 'metric']).optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) });
export const LossPointSchema = z.object({ step: z.number(), loss: z.number(), at: z.string() });
export const TrainingBackendSchema = z.object({ name: z.string() });
