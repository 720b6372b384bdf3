// Fine-tuning runs on a loaded base model, in the calling thread: supervised (SFT, loss on assistant
// tokens only), preference (DPO against the frozen base) and logit distillation from a builtin
// teacher. Each writes a LoRA adapter (default) or a full model, plus its provenance.
import { StewardError } from '../../errors/index.js';
import { loadModel, saveAdapter } from '../io/adapter-files.js';
import { type BuiltinModel, type ModelMeta, saveModel } from '../io/model-files.js';
import { sharedFloats, weightViews } from '../nn/parameters.js';
import { TransformerGraph } from '../nn/transformer-graph.js';
import type { MatmulBackend } from '../tensor/matmul-backend.js';
import { ParallelMatmul } from '../tensor/parallel-matmul.js';
import { renderChat } from '../tokenizer/chat-template.js';
import { type HyperParameters, resolveHyperParameters } from './hyper-parameters.js';
import { LORA_TARGETS, LoraAdapter, type LoraOptions } from './lora-adapter.js';
import { dpoObjective, klDistillObjective, languageModelObjective, type Objective, type PreferencePair, sequenceLogProbs, type TrainSequence } from './objectives.js';
import { runTraining, splitValidation, type TrainingProgress, type TrainingSummary } from './train-loop.js';
import { type ChatExample, type PreferenceExample, parseChatJsonl, parsePreferenceJsonl } from './training-data.js';

/** Options shared by every fine-tuning kind. Everything here is plain data (it crosses to a worker). */
export interface FineTuneOptions {
  /** The model to start from (a model or adapter directory). */
  baseModelDir: string;
  /** Where the adapter (or full model) is written. */
  outDir: string;
  name?: string;
  hyperParameters?: Partial<HyperParameters>;
  /** LoRA settings (default rank 8, alpha 16, every matrix); `false` trains all weights and writes a full model. */
  lora?: Partial<LoraOptions> | false;
  /** A rerun with the same directory resumes from its last checkpoint. */
  checkpointDir?: string;
  /** Matrix-product threads for this run (default 1). */
  threads?: number;
  /** Where to look for base models of adapters by name. */
  baseDirs?: string[];
}

/** Callbacks of a run in the calling thread. */
export interface RunHooks {
  onProgress?: (p: TrainingProgress) => void;
  signal?: AbortSignal;
}

export interface SftOptions extends FineTuneOptions {
  /** Chat JSONL text (OpenAI fine-tuning format) or parsed examples. */
  data: string | ChatExample[];
}

export interface DpoOptions extends FineTuneOptions {
  /** Preference JSONL text or parsed pairs. */
  data: string | PreferenceExample[];
  /** Strength of the KL anchor to the reference (default 0.1). */
  beta?: number;
}

export interface LogitDistillOptions extends FineTuneOptions {
  /** A builtin teacher sharing the student's tokenizer. */
  teacherModelDir: string;
  /** Prompts (and optional answers) as chat JSONL or examples; the teacher's distributions are the targets. */
  data: string | ChatExample[];
  /** Softening temperature of the teacher (default 1). */
  temperature?: number;
}

/** What a fine-tune produced. */
export interface FineTuneResult {
  outDir: string;
  kind: 'lora' | 'full';
  summary: TrainingSummary;
  trainExamples: number;
  validationExamples: number;
}

const FINE_TUNE_DEFAULTS: Partial<HyperParameters> = { batchSize: 8, epochs: 3, warmupSteps: 5, weightDecay: 0 };

/** Token sequence of a chat with the assistant mask, cut to the context window. */
export function chatSequence(model: BuiltinModel, ex: ChatExample): TrainSequence {
  const r = renderChat(model.tokenizer, ex.messages, false);
  const n = Math.min(r.ids.length, model.config.contextLength + 1);
  return { ids: r.ids.slice(0, n), mask: r.assistantMask.slice(0, n) };
}

function preferencePair(model: BuiltinModel, ex: PreferenceExample): PreferencePair {
  const t = model.tokenizer;
  const prompt = renderChat(t, ex.prompt, true).ids;
  const seq = (answer: string): TrainSequence => {
    const ids = [...prompt, ...t.encode(answer), t.special('<|end|>')];
    const mask = ids.map((_, i) => (i >= prompt.length ? 1 : 0));
    const n = Math.min(ids.length, model.config.contextLength + 1);
    return { ids: ids.slice(0, n), mask: mask.slice(0, n) };
  };
  return { chosen: seq(ex.chosen), rejected: seq(ex.rejected) };
}

async function withBackend<T>(threads: number | undefined, fn: (b: MatmulBackend | undefined) => Promise<T>): Promise<T> {
  if (!threads || threads <= 1) return fn(undefined);
  const pool = await ParallelMatmul.create(threads);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

async function fineTune<I>(o: FineTuneOptions, hooks: RunHooks, kind: string, base: BuiltinModel, items: I[], objective: Objective<I>, tokensOf: (i: I) => number, defaults: Partial<HyperParameters>): Promise<FineTuneResult> {
  const hp = resolveHyperParameters({ ...FINE_TUNE_DEFAULTS, learningRate: o.lora === false ? 5e-4 : 2e-3, ...defaults, ...o.hyperParameters });
  const { train, validation } = splitValidation(items, hp.validationFraction, hp.seed);
  const weights = sharedFloats(base.weights.length);
  weights.set(base.weights);
  const lora = o.lora === false ? undefined : new LoraAdapter(base.config, { rank: 8, alpha: 16, targets: [...LORA_TARGETS], ...o.lora }, hp.seed);
  lora?.initNorms(base.weights);
  const summary = await withBackend(o.threads, (backend) =>
    runTraining({ config: base.config, weights, lora: lora && { adapter: lora, base: base.weights }, objective, train, validation, hp, checkpointDir: o.checkpointDir, onProgress: hooks.onProgress, signal: hooks.signal, backend, tokensOf }),
  );
  const meta: ModelMeta = {
    name: o.name ?? `${base.meta.name}-${kind}`,
    description: `${kind} of ${base.meta.name}`,
    dtype: 'F32',
    training: { kind, base: base.meta.name, baseWeightsSha256: base.weightsSha256, hyperParameters: hp, lora: lora?.options ?? null, trainExamples: train.length, validationExamples: validation.length, finalLoss: summary.finalLoss, validationLoss: summary.validationLoss },
  };
  if (lora) saveAdapter(o.outDir, lora, base, meta);
  else saveModel(o.outDir, { config: base.config, tokenizer: base.tokenizer, weights, meta });
  return { outDir: o.outDir, kind: lora ? 'lora' : 'full', summary, trainExamples: train.length, validationExamples: validation.length };
}

/** Supervised fine-tuning on chat examples; loss on assistant tokens only. */
export async function trainSftInThread(o: SftOptions, hooks: RunHooks = {}): Promise<FineTuneResult> {
  const base = loadModel(o.baseModelDir, o.baseDirs);
  const examples = typeof o.data === 'string' ? parseChatJsonl(o.data) : o.data;
  const seqs = examples.map((e) => chatSequence(base, e)).filter((s) => s.mask.some((m, i) => i > 0 && m === 1));
  if (seqs.length === 0) throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: 'no example has assistant tokens inside the context window' });
  return fineTune(o, hooks, 'sft', base, seqs, languageModelObjective(base.tokenizer.special('<|pad|>'), base.config.contextLength), (s) => s.ids.length - 1, {});
}

/** Direct Preference Optimisation against the frozen base model. */
export async function trainDpoInThread(o: DpoOptions, hooks: RunHooks = {}): Promise<FineTuneResult> {
  const base = loadModel(o.baseModelDir, o.baseDirs);
  const beta = o.beta ?? 0.1;
  if (!(beta > 0 && beta <= 10)) throw new StewardError({ code: 'HYPERPARAMETER_INVALID', message: `beta must be in (0, 10], got ${beta}` });
  const examples = typeof o.data === 'string' ? parsePreferenceJsonl(o.data) : o.data;
  const pairs = examples.map((e) => preferencePair(base, e));
  // reference log-probabilities from the frozen base, computed once
  const graph = new TransformerGraph(base.config);
  const w = weightViews(base.config, base.weights);
  const pad = base.tokenizer.special('<|pad|>');
  for (let i = 0; i < pairs.length; i += 8) {
    const chunk = pairs.slice(i, i + 8);
    const c = sequenceLogProbs(graph, w, chunk.map((p) => p.chosen), pad, base.config.contextLength);
    const r = sequenceLogProbs(graph, w, chunk.map((p) => p.rejected), pad, base.config.contextLength);
    chunk.forEach((p, j) => {
      p.refChosen = c[j];
      p.refRejected = r[j];
    });
  }
  return fineTune(o, hooks, 'dpo', base, pairs, dpoObjective(pad, base.config.contextLength, beta), (p) => p.chosen.ids.length + p.rejected.ids.length - 2, { learningRate: o.lora === false ? 2e-4 : 1e-3, batchSize: 4 });
}

/** Token-level distillation: the student matches a builtin teacher's next-token distributions. */
export async function distillLogitsInThread(o: LogitDistillOptions, hooks: RunHooks = {}): Promise<FineTuneResult> {
  const base = loadModel(o.baseModelDir, o.baseDirs);
  const teacher = loadModel(o.teacherModelDir, o.baseDirs);
  if (teacher.tokenizer.hash !== base.tokenizer.hash) {
    throw new StewardError({ code: 'TOKENIZER_MISMATCH', message: `teacher ${teacher.meta.name} and student ${base.meta.name} use different tokenizers; use sequence-level distillation instead` });
  }
  const examples = typeof o.data === 'string' ? parseChatJsonl(o.data) : o.data;
  const seqs = examples.map((e) => chatSequence(base, e)).filter((s) => s.mask.some((m, i) => i > 0 && m === 1));
  if (seqs.length === 0) throw new StewardError({ code: 'TRAINING_DATA_INVALID', message: 'no example has assistant tokens inside the context window' });
  const temperature = o.temperature ?? 1;
  if (!(temperature > 0 && temperature <= 10)) throw new StewardError({ code: 'HYPERPARAMETER_INVALID', message: `temperature must be in (0, 10], got ${temperature}` });
  const objective = klDistillObjective(base.tokenizer.special('<|pad|>'), base.config.contextLength, { graph: new TransformerGraph(teacher.config), weights: weightViews(teacher.config, teacher.weights) }, temperature);
  return fineTune(o, hooks, 'distill', base, seqs, objective, (s) => s.ids.length - 1, {});
}
