// The messages between a training job's caller and its worker thread.
import type { ErrorCode } from '../../errors/index.js';
import type { DpoOptions, FineTuneResult, LogitDistillOptions, SftOptions } from '../train/fine-tune.js';
import type { TrainingProgress } from '../train/train-loop.js';

/** What the worker is asked to run. */
export type TrainingJobRequest = { kind: 'sft'; options: SftOptions } | { kind: 'dpo'; options: DpoOptions } | { kind: 'distill-logits'; options: LogitDistillOptions };

/** What the worker reports. */
export type WorkerMessage =
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'result'; result: FineTuneResult }
  | { type: 'error'; error: { code: ErrorCode; message: string; details: unknown } };
