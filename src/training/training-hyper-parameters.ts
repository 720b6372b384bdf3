// The hyper-parameters every training job carries, validated at the boundary so that a bad value
// fails at submission with its name, not an hour later as NaNs.
import { z } from 'zod';
import { StewardError } from '../errors/index.js';

export const TrainingHyperParametersSchema = z
  .object({
    learningRate: z.number().gt(0, 'must be greater than 0').lte(1, 'must be at most 1').default(1e-3),
    batchSize: z.number().int('must be an integer').min(1, 'must be at least 1').max(4096, 'must be at most 4096').default(8),
    epochs: z.number().int('must be an integer').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(1),
    warmupSteps: z.number().int('must be an integer').min(0, 'must not be negative').max(100_000, 'must be at most 100000').default(0),
    seed: z.number().int('must be an integer').min(0, 'must not be negative').max(2 ** 31 - 1, 'must fit in 31 bits').default(1),
    /** LoRA adapter rank where the backend trains adapters; absent means full fine-tuning. */
    adapterRank: z.number().int('must be an integer').min(1, 'must be at least 1').max(1024, 'must be at most 1024').optional(),
    /** Stop after this many optimiser steps (a fixed compute budget). */
    maxSteps: z.number().int('must be an integer').min(1, 'must be at least 1').optional(),
    /** DPO temperature. */
    beta: z.number().gt(0, 'must be greater than 0').max(10, 'must be at most 10').optional(),
    /** Distillation: softmax temperature of the teacher. */
    temperature: z.number().gt(0, 'must be greater than 0').max(20, 'must be at most 20').optional(),
  })
  .strict();

export type TrainingHyperParameters = z.infer<typeof TrainingHyperParametersSchema>;
export type TrainingHyperParametersInput = z.input<typeof TrainingHyperParametersSchema>;

/**
 * Fills defaults and validates; throws HYPERPARAMETER_INVALID naming every bad value.
 * @example parseHyperParameters({ learningRate: 2e-4, epochs: 3 })
 */
export function parseHyperParameters(input: unknown): TrainingHyperParameters {
  const result = TrainingHyperParametersSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    parameter: issue.path.join('.') || '(root)',
    message: issue.code === 'unrecognized_keys' ? `unknown hyper-parameter(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new StewardError({
    code: 'HYPERPARAMETER_INVALID',
    message: issues.map((i) => (i.parameter === '(root)' ? i.message : `${i.parameter} ${i.message}`)).join('; '),
    details: { issues },
  });
}
