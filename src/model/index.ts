// The builtin transformer: load, run, evaluate, quantise and train Steward's own small models.
// This file is the API the provider, the CLI and the training jobs use; everything else is internal.
import type { ChatTurn } from './tokenizer/chat-template.js';
import { type FineTuneResult, type LogitDistillOptions, type RunHooks, type SftOptions, type DpoOptions, distillLogitsInThread, trainDpoInThread, trainSftInThread } from './train/fine-tune.js';
import type { ChatExample } from './train/training-data.js';
import { parseChatJsonl } from './train/training-data.js';
import { runTrainingJobInWorker } from './worker/run-in-worker.js';

export { type ModelConfig, STEWARD_MINI_CONFIG, countParameters, validateModelConfig } from './config/model-config.js';
export { PRETRAINING_TASKS, TASKS, type TaskName, type TaskExample, generateTaskExamples, isCorrect } from './data/synthetic-tasks.js';
export { type PerplexityResult, evaluatePerplexity } from './eval/perplexity.js';
export { type TaskEvalOptions, type TaskScores, evaluateModel, evaluateTasks } from './eval/task-eval.js';
export { isAdapterDir, loadModel } from './io/adapter-files.js';
export { type BuiltinModel, type ModelMeta, type WeightDtype, isModelDir, saveModel } from './io/model-files.js';
export { type SafeTensor, type SafetensorsFile, readSafetensors, writeSafetensors } from './io/safetensors.js';
export { type QuantizeOptions, type QuantizeReport, decodeTokensPerSecond, quantize } from './quant/quantize.js';
export { BuiltinRuntime, type GenerateOptions, type GenerateResult, type GenerationChunk, type GenerationFinishReason, type RuntimeOptions } from './runtime/builtin-runtime.js';
export { Prng } from './nn/prng.js';
export { ParallelMatmul } from './tensor/parallel-matmul.js';
export { ByteBpeTokenizer, SPECIAL_TOKENS, trainTokenizer } from './tokenizer/byte-bpe-tokenizer.js';
export { type ChatRole, type ChatTurn, renderChat } from './tokenizer/chat-template.js';
export type { DpoOptions, FineTuneOptions, FineTuneResult, LogitDistillOptions, RunHooks, SftOptions } from './train/fine-tune.js';
export { DEFAULT_HYPER_PARAMETERS, type HyperParameters, resolveHyperParameters } from './train/hyper-parameters.js';
export { LORA_TARGETS, type LoraOptions, type LoraTarget } from './train/lora-adapter.js';
export { type PretrainOptions, STEWARD_MINI_RECIPE, pretrain } from './train/pretrain-recipe.js';
export type { TrainingProgress, TrainingSummary } from './train/train-loop.js';
export { type ChatExample, type PreferenceExample, parseChatJsonl, parsePreferenceJsonl } from './train/training-data.js';

/** Where a job runs: a worker thread (default, keeps the event loop free) or the calling thread. */
export interface JobPlacement {
  /** Default true. */
  inWorker?: boolean;
}

/**
 * Supervised fine-tuning on chat JSONL (OpenAI fine-tuning format); loss on assistant tokens only.
 * Writes a LoRA adapter to `outDir` (or a full model with `lora: false`).
 * @example
 * await trainSft({ baseModelDir: 'models/steward-mini', outDir: 'data/ft-1', data: jsonl, hyperParameters: { epochs: 2 } }, { onProgress: console.log });
 */
export function trainSft(options: SftOptions & JobPlacement, hooks: RunHooks = {}): Promise<FineTuneResult> {
  const { inWorker = true, ...o } = options;
  return inWorker ? runTrainingJobInWorker({ kind: 'sft', options: o }, hooks) : trainSftInThread(o, hooks);
}

/** Preference tuning (DPO, `beta` default 0.1) against the frozen base on {prompt|messages, chosen, rejected} pairs. */
export function trainDpo(options: DpoOptions & JobPlacement, hooks: RunHooks = {}): Promise<FineTuneResult> {
  const { inWorker = true, ...o } = options;
  return inWorker ? runTrainingJobInWorker({ kind: 'dpo', options: o }, hooks) : trainDpoInThread(o, hooks);
}

/** A teacher for sequence-level distillation, i.e. any model reachable as a function (e.g. a gateway route). */
export type Teacher = (messages: ChatTurn[]) => Promise<string>;

/** Options of {@link distill}. */
export type DistillOptions =
  | (Omit<SftOptions, 'data'> & JobPlacement & { mode: 'sequence'; teacher: Teacher; prompts: string | ChatExample[] | ChatTurn[][]; concurrency?: number })
  | (LogitDistillOptions & JobPlacement & { mode: 'logits' });

/**
 * Distillation. `sequence`: the teacher answers every prompt and the answers become SFT data (works
 * with any teacher). `logits`: the student matches a builtin teacher's token distributions (KL).
 */
export async function distill(options: DistillOptions, hooks: RunHooks = {}): Promise<FineTuneResult & { teacherExamples?: number }> {
  if (options.mode === 'logits') {
    const { inWorker = true, mode: _mode, ...o } = options;
    return inWorker ? runTrainingJobInWorker({ kind: 'distill-logits', options: o }, hooks) : distillLogitsInThread(o, hooks);
  }
  const { teacher, prompts, concurrency = 4, mode: _mode, ...rest } = options;
  const promptTurns: ChatTurn[][] = typeof prompts === 'string'
    ? parseJsonlPrompts(prompts)
    : prompts.map((p) => (Array.isArray(p) ? p : p.messages.filter((m, i, all) => !(m.role === 'assistant' && i === all.length - 1))));
  const data: ChatExample[] = new Array(promptTurns.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, concurrency) }, async () => {
    while (next < promptTurns.length) {
      const i = next++;
      if (hooks.signal?.aborted) return;
      const answer = await teacher(promptTurns[i]);
      data[i] = { messages: [...promptTurns[i], { role: 'assistant', content: answer }] };
    }
  });
  await Promise.all(workers);
  const result = await trainSft({ ...rest, name: rest.name ?? undefined, data }, hooks);
  return { ...result, teacherExamples: data.length };
}

/** Prompts from JSONL lines of {"messages": [...]} (a trailing assistant turn is dropped). */
function parseJsonlPrompts(text: string): ChatTurn[][] {
  const withPlaceholder = text
    .split(/\r?\n/)
    .map((line) => {
      if (line.trim() === '') return line;
      try {
        const v = JSON.parse(line) as { messages?: unknown[] };
        if (Array.isArray(v.messages) && !v.messages.some((m) => (m as { role?: unknown })?.role === 'assistant')) {
          return JSON.stringify({ ...v, messages: [...v.messages, { role: 'assistant', content: '' }] });
        }
      } catch {
        // parseChatJsonl reports it with its line number
      }
      return line;
    })
    .join('\n');
  return parseChatJsonl(withPlaceholder).map((e) => {
    const m = e.messages;
    return m[m.length - 1].role === 'assistant' ? m.slice(0, -1) : m;
  });
}
