// What a training job is: its states and methods, and the record the API returns.
import type { TrainingHyperParameters } from './training-hyper-parameters.js';

export const TRAINING_JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type TrainingJobState = (typeof TRAINING_JOB_STATES)[number];

/** States a job never leaves (except by `retry`, which makes a new attempt). */
export const FINISHED_STATES: readonly TrainingJobState[] = ['succeeded', 'failed', 'cancelled'];

export const TRAINING_METHODS = ['sft', 'dpo', 'distill', 'quantize'] as const;
export type TrainingMethod = (typeof TRAINING_METHODS)[number];

export interface TrainingJob {
  id: string;
  projectId: string;
  name: string;
  backend: string;
  method: TrainingMethod;
  baseModel: string;
  outputModel: string;
  datasetVersionId: string | null;
  hyperParameters: TrainingHyperParameters;
  backendConfig: Record<string, unknown>;
  state: TrainingJobState;
  attempt: number;
  /** 0..1 */
  progress: number;
  step: number;
  totalSteps: number;
  /** Estimated time left while running, from the pace so far. */
  etaSeconds: number | null;
  lastLoss: number | null;
  error: string | null;
  output: TrainingOutput | null;
  modelVersionId: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What a finished backend produced. */
export interface TrainingOutput {
  /** Local directory holding the artifact (builtin, command), or null for a remote model. */
  artifactPath: string | null;
  /** The provider's model name (OpenAI-compatible backend). */
  remoteModel: string | null;
  /** The provider's own job id, when there is one. */
  remoteJobId: string | null;
  metrics: Record<string, number>;
  /** How to serve the result: what the registry records as the version's spec. */
  spec: Record<string, unknown>;
}

export interface TrainingJobEvent {
  seq: number;
  at: string;
  kind: 'log' | 'metric';
  level: string;
  message: string;
  step: number | null;
  loss: number | null;
  data: unknown;
}

export function isFinished(state: TrainingJobState): boolean {
  return FINISHED_STATES.includes(state);
}
