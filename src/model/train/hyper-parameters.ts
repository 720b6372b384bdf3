// Training hyper-parameters with their ranges; every run validates them up front so that a bad
// value fails with a message naming it instead of producing NaNs an hour later.
import { StewardError } from '../../errors/index.js';

/** Hyper-parameters shared by pretraining, SFT, DPO and distillation. */
export interface HyperParameters {
  /** Peak learning rate (after warmup), in (0, 1]. */
  learningRate: number;
  /** Sequences per optimiser step, 1..4096 (split into micro-batches; gradients accumulate). */
  batchSize: number;
  /** Sequences per forward pass, 1..batchSize; smaller saves memory, same result. */
  microBatchSize: number;
  /** Passes over the training set, 1..10000 (ignored when maxSteps is set). */
  epochs: number;
  /** Stop after this many optimiser steps (useful for a fixed compute budget). */
  maxSteps?: number;
  /** Linear warmup steps, 0..100000. */
  warmupSteps: number;
  /** Decoupled AdamW weight decay, 0..1. */
  weightDecay: number;
  /** Global gradient-norm clip, > 0. */
  gradClip: number;
  /** Seeds initialisation, shuffling and dropout-free sampling; same seed → same loss curve. */
  seed: number;
  /** Fraction of examples held out for validation loss, 0..0.5. */
  validationFraction: number;
  /** Final learning rate as a fraction of the peak (cosine floor), 0..1. */
  minLearningRateRatio: number;
  beta1: number;
  beta2: number;
}

export const DEFAULT_HYPER_PARAMETERS: HyperParameters = {
  learningRate: 1e-3,
  batchSize: 8,
  microBatchSize: 8,
  epochs: 1,
  warmupSteps: 10,
  weightDecay: 0.01,
  gradClip: 1,
  seed: 1,
  validationFraction: 0.1,
  minLearningRateRatio: 0.1,
  beta1: 0.9,
  beta2: 0.98,
};

function check(name: string, value: number, ok: boolean, range: string): void {
  if (typeof value !== 'number' || Number.isNaN(value) || !ok) {
    throw new StewardError({
      code: 'HYPERPARAMETER_INVALID',
      message: `${name} must be ${range}, got ${JSON.stringify(value)}`,
      details: { parameter: name, value },
    });
  }
}

/** Fills defaults and validates; throws HYPERPARAMETER_INVALID naming the first bad value. */
export function resolveHyperParameters(input: Partial<HyperParameters> = {}): HyperParameters {
  const h: HyperParameters = { ...DEFAULT_HYPER_PARAMETERS, ...input };
  if (input.microBatchSize === undefined) h.microBatchSize = Math.min(h.batchSize, DEFAULT_HYPER_PARAMETERS.microBatchSize);
  const int = Number.isInteger;
  check('learningRate', h.learningRate, h.learningRate > 0 && h.learningRate <= 1, 'in (0, 1]');
  check('batchSize', h.batchSize, int(h.batchSize) && h.batchSize >= 1 && h.batchSize <= 4096, 'an integer in 1..4096');
  check('microBatchSize', h.microBatchSize, int(h.microBatchSize) && h.microBatchSize >= 1 && h.microBatchSize <= h.batchSize, `an integer in 1..batchSize (${h.batchSize})`);
  check('epochs', h.epochs, int(h.epochs) && h.epochs >= 1 && h.epochs <= 10000, 'an integer in 1..10000');
  if (h.maxSteps !== undefined) check('maxSteps', h.maxSteps, int(h.maxSteps) && h.maxSteps >= 1, 'a positive integer');
  check('warmupSteps', h.warmupSteps, int(h.warmupSteps) && h.warmupSteps >= 0 && h.warmupSteps <= 100000, 'an integer in 0..100000');
  check('weightDecay', h.weightDecay, h.weightDecay >= 0 && h.weightDecay <= 1, 'in [0, 1]');
  check('gradClip', h.gradClip, h.gradClip > 0, 'greater than 0');
  check('seed', h.seed, int(h.seed), 'an integer');
  check('validationFraction', h.validationFraction, h.validationFraction >= 0 && h.validationFraction <= 0.5, 'in [0, 0.5]');
  check('minLearningRateRatio', h.minLearningRateRatio, h.minLearningRateRatio >= 0 && h.minLearningRateRatio <= 1, 'in [0, 1]');
  check('beta1', h.beta1, h.beta1 >= 0 && h.beta1 < 1, 'in [0, 1)');
  check('beta2', h.beta2, h.beta2 >= 0 && h.beta2 < 1, 'in [0, 1)');
  return h;
}

/** Learning rate at optimiser step `step` (0-based): linear warmup, then cosine decay to the floor. */
export function learningRateAt(h: HyperParameters, step: number, totalSteps: number): number {
  if (step < h.warmupSteps) return (h.learningRate * (step + 1)) / (h.warmupSteps + 1);
  const span = Math.max(1, totalSteps - h.warmupSteps);
  const progress = Math.min(1, (step - h.warmupSteps) / span);
  const floor = h.learningRate * h.minLearningRateRatio;
  return floor + (h.learningRate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}
