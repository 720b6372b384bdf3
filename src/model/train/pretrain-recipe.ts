// The recipe that makes builtin/steward-mini: train a tokenizer on the committed corpus and the
// generated instruction set, then train the transformer from scratch. Deterministic from the seed.
import { type ModelConfig, STEWARD_MINI_CONFIG } from '../config/model-config.js';
import { pretrainingDocuments } from '../data/pretraining-corpus.js';
import { generateTaskExamples, PRETRAINING_TASKS } from '../data/synthetic-tasks.js';
import { saveModel, type BuiltinModel } from '../io/model-files.js';
import { initParameters } from '../nn/parameters.js';
import { trainTokenizer, type ByteBpeTokenizer } from '../tokenizer/byte-bpe-tokenizer.js';
import { renderChat } from '../tokenizer/chat-template.js';
import type { MatmulBackend } from '../tensor/matmul-backend.js';
import { BUILTIN_SAMPLING_DEFAULTS } from '../inference/sampler.js';
import { type HyperParameters, resolveHyperParameters } from './hyper-parameters.js';
import { languageModelObjective, type TrainSequence } from './objectives.js';
import { runTraining, splitValidation, type TrainingProgress, type TrainingSummary } from './train-loop.js';

/** Options of {@link pretrain}; everything has a default that reproduces steward-mini. */
export interface PretrainOptions {
  /** Where the model directory is written. */
  outDir: string;
  seed?: number;
  /** Optimiser steps (the compute budget). */
  steps?: number;
  vocabSize?: number;
  /** Architecture overrides (tests use tiny ones). */
  architecture?: Partial<Omit<ModelConfig, 'vocabSize'>>;
  /** Number of instruction examples generated for the mix. */
  instructionExamples?: number;
  /** Times the world prose is regenerated (with different wording). */
  proseRepeats?: number;
  hyperParameters?: Partial<HyperParameters>;
  checkpointDir?: string;
  onProgress?: (p: TrainingProgress) => void;
  signal?: AbortSignal;
  backend?: MatmulBackend;
  name?: string;
}

/** The default budget of the committed model. */
export const STEWARD_MINI_RECIPE = { seed: 1, steps: 500, vocabSize: 640, instructionExamples: 20000, proseRepeats: 20, batchSize: 16, learningRate: 3e-3 } as const;

/** Token stream of documents and chats, with a mask that is 1 on prose and on assistant answers. */
export function buildPretrainingStream(tokenizer: ByteBpeTokenizer, docs: readonly string[], chats: ReturnType<typeof generateTaskExamples>, seed: number): { ids: number[]; mask: number[] } {
  const eot = tokenizer.special('<|endoftext|>');
  const parts: { ids: number[]; mask: number[] }[] = [];
  for (const d of docs) {
    const ids = [eot, ...tokenizer.encode(d)];
    parts.push({ ids, mask: ids.map(() => 1) });
  }
  for (const c of chats) {
    const r = renderChat(tokenizer, c.messages, false);
    parts.push({ ids: [eot, ...r.ids], mask: [0, ...r.assistantMask] });
  }
  // interleave prose and instructions deterministically
  const order = parts.map((_, i) => i);
  let s = seed >>> 0;
  for (let i = order.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const ids: number[] = [];
  const mask: number[] = [];
  for (const i of order) {
    ids.push(...parts[i].ids);
    mask.push(...parts[i].mask);
  }
  return { ids, mask };
}

/** Cuts a stream into windows of `len + 1` tokens (inputs and shifted targets). */
export function windows(stream: { ids: number[]; mask: number[] }, len: number): TrainSequence[] {
  const out: TrainSequence[] = [];
  for (let i = 0; i + len + 1 <= stream.ids.length; i += len) {
    out.push({ ids: stream.ids.slice(i, i + len + 1), mask: stream.mask.slice(i, i + len + 1) });
  }
  return out;
}

/** Trains a model from scratch and saves it to `outDir`. */
export async function pretrain(options: PretrainOptions): Promise<{ model: BuiltinModel; summary: TrainingSummary }> {
  const seed = options.seed ?? STEWARD_MINI_RECIPE.seed;
  const docs = pretrainingDocuments(seed, options.proseRepeats ?? STEWARD_MINI_RECIPE.proseRepeats);
  const chats = generateTaskExamples(options.instructionExamples ?? STEWARD_MINI_RECIPE.instructionExamples, seed, PRETRAINING_TASKS);
  const corpusText = [...docs, ...chats.map((c) => c.messages.map((m) => m.content).join('\n'))].join('\n');
  const tokenizer = trainTokenizer(corpusText, options.vocabSize ?? STEWARD_MINI_RECIPE.vocabSize);
  const config: ModelConfig = { ...STEWARD_MINI_CONFIG, ...options.architecture, vocabSize: tokenizer.vocabSize };
  const stream = buildPretrainingStream(tokenizer, docs, chats, seed);
  const seqs = windows(stream, config.contextLength);
  const batchSize = options.hyperParameters?.batchSize ?? STEWARD_MINI_RECIPE.batchSize;
  const hp = resolveHyperParameters({
    learningRate: STEWARD_MINI_RECIPE.learningRate,
    batchSize,
    microBatchSize: Math.min(8, batchSize),
    warmupSteps: 30,
    weightDecay: 0.1,
    validationFraction: 0.02,
    seed,
    maxSteps: options.steps ?? STEWARD_MINI_RECIPE.steps,
    ...options.hyperParameters,
  });
  const { train, validation } = splitValidation(seqs, hp.validationFraction, seed);
  const weights = initParameters(config, seed);
  const summary = await runTraining({
    config,
    weights,
    objective: languageModelObjective(tokenizer.special('<|pad|>'), config.contextLength),
    train,
    validation,
    hp,
    checkpointDir: options.checkpointDir,
    onProgress: options.onProgress,
    signal: options.signal,
    backend: options.backend,
    tokensOf: (s) => s.ids.length - 1,
  });
  const model: BuiltinModel = {
    config,
    tokenizer,
    weights,
    meta: {
      name: options.name ?? 'steward-mini',
      description: 'Small decoder-only transformer trained from scratch by Steward on its committed corpus and generated instructions.',
      dtype: 'F32',
      training: {
        recipe: `steward model pretrain --seed ${seed} --steps ${hp.maxSteps}`,
        seed,
        steps: summary.steps,
        streamTokens: stream.ids.length,
        trainWindows: train.length,
        hyperParameters: hp,
        finalLoss: summary.finalLoss,
        validationLoss: summary.validationLoss,
        seconds: Math.round(summary.seconds),
      },
      // What a request that leaves sampling out gets: measured to keep the trained tasks right.
      sampling: { ...BUILTIN_SAMPLING_DEFAULTS },
    },
  };
  saveModel(options.outDir, model);
  model.dir = options.outDir;
  return { model, summary };
}
