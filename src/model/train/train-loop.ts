// The optimisation loop shared by every training kind: epochs of seeded shuffles, micro-batches with
// gradient accumulation, clipping, AdamW with warmup + cosine, validation each epoch, checkpoints
// that a crashed or cancelled run resumes from, progress events and cancellation.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StewardError } from '../../errors/index.js';
import type { ModelConfig } from '../config/model-config.js';
import { readSafetensors, writeSafetensors } from '../io/safetensors.js';
import { layoutSize, parameterLayout, sharedFloats, weightViews } from '../nn/parameters.js';
import { Prng } from '../nn/prng.js';
import { TransformerGraph } from '../nn/transformer-graph.js';
import type { MatmulBackend } from '../tensor/matmul-backend.js';
import { AdamW, type ParamGroup } from './adamw.js';
import { type HyperParameters, learningRateAt } from './hyper-parameters.js';
import type { LoraAdapter } from './lora-adapter.js';
import type { Objective } from './objectives.js';

/** One progress report, emitted after every optimiser step. */
export interface TrainingProgress {
  step: number;
  totalSteps: number;
  epoch: number;
  /** Training loss of this step (mean over its batch). */
  loss: number;
  learningRate: number;
  tokensPerSecond: number;
  etaSeconds: number;
  gradNorm: number;
  /** Present after the last step of an epoch (and of the run) when there is validation data. */
  validationLoss?: number;
}

/** The outcome of a run. */
export interface TrainingSummary {
  steps: number;
  epochs: number;
  finalLoss: number;
  validationLoss: number | null;
  /** Validation loss after each epoch. */
  validationHistory: number[];
  lossHistory: number[];
  tokensPerSecond: number;
  seconds: number;
  resumedFromStep: number;
}

/** Inputs of {@link runTraining}. */
export interface TrainLoopOptions<I> {
  config: ModelConfig;
  /** Weights the forward pass uses; updated in place for full training, merged with the adapter for LoRA. */
  weights: Float32Array;
  /** When set, only the adapter trains; `weights` must be a copy that the loop may overwrite. */
  lora?: { adapter: LoraAdapter; base: Float32Array };
  objective: Objective<I>;
  train: readonly I[];
  validation: readonly I[];
  hp: HyperParameters;
  /** Directory for checkpoint.safetensors; a run finds and resumes its last checkpoint there. */
  checkpointDir?: string;
  /** Steps between checkpoints besides epoch ends (default: 50). */
  checkpointEvery?: number;
  onProgress?: (p: TrainingProgress) => void;
  signal?: AbortSignal;
  backend?: MatmulBackend;
  /** Tokens in an item, for throughput. */
  tokensOf: (item: I) => number;
}

function fingerprint(o: { hp: HyperParameters; trainCount: number; trainable: number; config: ModelConfig }): string {
  return createHash('sha256').update(JSON.stringify(o)).digest('hex').slice(0, 16);
}

/** Splits items into train and validation deterministically (seeded), keeping at least one for training. */
export function splitValidation<I>(items: readonly I[], fraction: number, seed: number): { train: I[]; validation: I[] } {
  const order = new Prng(seed ^ 0x5bd1e995).shuffle(items.map((_, i) => i));
  const nVal = items.length > 1 ? Math.min(items.length - 1, Math.round(items.length * fraction)) : 0;
  return { validation: order.slice(0, nVal).map((i) => items[i]), train: order.slice(nVal).map((i) => items[i]) };
}

/** Runs the optimisation; resumes from `checkpointDir` when it holds a checkpoint of the same run. */
export async function runTraining<I>(o: TrainLoopOptions<I>): Promise<TrainingSummary> {
  const { config, hp, objective } = o;
  if (o.train.length === 0) throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: 'no training examples' });
  const specs = parameterLayout(config);
  const graph = new TransformerGraph(config, o.backend);
  const w = weightViews(config, o.weights);
  const fullGrad = sharedFloats(layoutSize(specs));
  const g = weightViews(config, fullGrad);
  const trainable = o.lora ? o.lora.adapter.flat : o.weights;
  const trainGrad = o.lora ? new Float32Array(trainable.length) : fullGrad;
  const groups: ParamGroup[] = o.lora ? o.lora.adapter.groups() : specs.map((s) => ({ offset: s.offset, size: s.size, decay: s.decay }));
  const adam = new AdamW(trainable.length);
  const stepsPerEpoch = Math.ceil(o.train.length / hp.batchSize);
  const totalSteps = hp.maxSteps ?? hp.epochs * stepsPerEpoch;
  const runId = fingerprint({ hp, trainCount: o.train.length, trainable: trainable.length, config });
  const ckptPath = o.checkpointDir ? join(o.checkpointDir, 'checkpoint.safetensors') : undefined;
  let startStep = 0;
  const lossHistory: number[] = [];
  const validationHistory: number[] = [];
  if (ckptPath && existsSync(ckptPath)) {
    const ck = readSafetensors(ckptPath);
    if (ck.metadata.runId !== runId) {
      throw new StewardError({ code: 'CONFLICT', message: `${ckptPath} belongs to a different run (other data or hyper-parameters); remove it or use another checkpoint directory` });
    }
    trainable.set(ck.tensors.get('params')!.data as Float32Array);
    adam.m.set(ck.tensors.get('adam.m')!.data as Float32Array);
    adam.v.set(ck.tensors.get('adam.v')!.data as Float32Array);
    adam.step = Number(ck.metadata.adamStep);
    startStep = Number(ck.metadata.step);
    lossHistory.push(...(JSON.parse(ck.metadata.lossHistory ?? '[]') as number[]));
    validationHistory.push(...(JSON.parse(ck.metadata.validationHistory ?? '[]') as number[]));
  }
  if (o.lora) o.lora.adapter.mergeInto(o.lora.base, o.weights);
  const saveCheckpoint = (step: number) => {
    if (!ckptPath) return;
    writeSafetensors(ckptPath, [
      { name: 'params', dtype: 'F32', shape: [trainable.length], data: trainable },
      { name: 'adam.m', dtype: 'F32', shape: [adam.m.length], data: adam.m },
      { name: 'adam.v', dtype: 'F32', shape: [adam.v.length], data: adam.v },
    ], { runId, step: String(step), adamStep: String(adam.step), lossHistory: JSON.stringify(lossHistory), validationHistory: JSON.stringify(validationHistory) });
  };
  const validate = (): number | undefined => {
    if (o.validation.length === 0) return undefined;
    let loss = 0;
    let count = 0;
    for (let i = 0; i < o.validation.length; i += hp.microBatchSize) {
      const r = objective.evaluate(graph, w, o.validation.slice(i, i + hp.microBatchSize));
      loss += r.loss;
      count += r.count;
    }
    return loss / Math.max(1, count);
  };
  let orderEpoch = -1;
  let order: number[] = [];
  const started = performance.now();
  let tokens = 0;
  let validationLoss: number | undefined;
  for (let step = startStep; step < totalSteps; step++) {
    if (o.signal?.aborted) {
      saveCheckpoint(step);
      throw new StewardError({ code: 'TRAINING_CANCELLED', message: `training cancelled at step ${step} of ${totalSteps}`, details: { step } });
    }
    const epoch = Math.floor(step / stepsPerEpoch);
    if (epoch !== orderEpoch) {
      order = new Prng(hp.seed * 7919 + epoch).shuffle(o.train.map((_, i) => i));
      orderEpoch = epoch;
    }
    const inEpoch = step % stepsPerEpoch;
    const batch = order.slice(inEpoch * hp.batchSize, (inEpoch + 1) * hp.batchSize).map((i) => o.train[i]);
    fullGrad.fill(0);
    const norm = objective.normaliser(batch);
    let loss = 0;
    for (let i = 0; i < batch.length; i += hp.microBatchSize) {
      const r = objective.accumulate(graph, w, g, batch.slice(i, i + hp.microBatchSize), norm);
      loss += r.loss;
    }
    for (const item of batch) tokens += o.tokensOf(item);
    if (!Number.isFinite(loss)) throw new StewardError({ code: 'INTERNAL', message: `training diverged at step ${step} (loss ${loss}); lower the learning rate` });
    const lr = learningRateAt(hp, step, totalSteps);
    if (o.lora) o.lora.adapter.gradients(fullGrad, trainGrad);
    const gradNorm = adam.update(trainable, trainGrad, groups, lr, hp);
    if (o.lora) o.lora.adapter.mergeInto(o.lora.base, o.weights);
    lossHistory.push(loss);
    const last = step === totalSteps - 1;
    const epochEnd = inEpoch === stepsPerEpoch - 1 || last;
    validationLoss = epochEnd ? validate() : undefined;
    if (validationLoss !== undefined) validationHistory.push(validationLoss);
    const seconds = (performance.now() - started) / 1000;
    const done = step + 1 - startStep;
    o.onProgress?.({
      step: step + 1,
      totalSteps,
      epoch: epoch + 1,
      loss,
      learningRate: lr,
      tokensPerSecond: tokens / Math.max(seconds, 1e-9),
      etaSeconds: (seconds / done) * (totalSteps - step - 1),
      gradNorm,
      validationLoss,
    });
    if (epochEnd || (step + 1) % (o.checkpointEvery ?? 50) === 0) saveCheckpoint(step + 1);
    // let messages (cancellation, progress polling) through between steps
    await new Promise((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    steps: totalSteps,
    epochs: Math.ceil(totalSteps / stepsPerEpoch),
    finalLoss: lossHistory[lossHistory.length - 1] ?? Number.NaN,
    validationLoss: validationHistory[validationHistory.length - 1] ?? null,
    validationHistory,
    lossHistory,
    tokensPerSecond: tokens / Math.max(seconds, 1e-9),
    seconds,
    resumedFromStep: startStep,
  };
}
