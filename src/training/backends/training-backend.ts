// The extension point for trainers: one small interface every backend implements. A backend gets a
// prepared run (data file, hyper-parameters, a work directory, callbacks) and returns its output;
// the job runner owns states, leases, logs, artifacts and registration.
import type { DatasetItem } from '../../datasets/dataset-item.js';
import type { TrainingHyperParameters } from '../training-hyper-parameters.js';
import type { TrainingMethod, TrainingOutput } from '../training-job.js';

export interface TrainingProgress {
  step: number;
  totalSteps: number;
  loss?: number;
  /** Other numbers worth plotting (validation loss, accuracy, tokens/s). */
  metrics?: Record<string, number>;
}

export type TrainingLogLevel = 'info' | 'warn' | 'error';

/** Everything a backend needs for one attempt of one job. */
export interface TrainingRun {
  jobId: string;
  projectId: string;
  attempt: number;
  method: TrainingMethod;
  baseModel: string;
  outputModel: string;
  hyperParameters: TrainingHyperParameters;
  /** The backend's own configuration, already validated by {@link TrainingBackend.parseConfig}. */
  config: Record<string, unknown>;
  /** Training items (examples or preference pairs). */
  items: readonly DatasetItem[];
  /** The same items as OpenAI fine-tuning JSONL (chat SFT or preference format). */
  dataFile: string;
  /** A fresh directory for this attempt's artifact; renamed into place only on success. */
  workDir: string;
  /** The checkpoint the previous attempt saved, if the job is resuming. */
  checkpoint: unknown;
  signal: AbortSignal;
  log(level: TrainingLogLevel, message: string): void;
  progress(progress: TrainingProgress): void;
  /** Saves a checkpoint a later attempt may resume from. */
  saveCheckpoint(state: unknown): Promise<void>;
  /** Opens a project secret (API keys of remote trainers). */
  secret(name: string): Promise<string>;
}

export interface TrainingBackend {
  readonly name: string;
  readonly methods: readonly TrainingMethod[];
  /** Whether an interrupted attempt can continue from its checkpoint. */
  readonly resumable: boolean;
  /** Validates the backend's configuration; throws VALIDATION_FAILED naming the field. */
  parseConfig(config: unknown): Record<string, unknown>;
  /** Throws when the backend cannot train from this base model (checked when the job is created). */
  checkBaseModel?(baseModel: string): void;
  /**
   * Makes a finished local artifact servable (e.g. links it where the builtin provider looks) and
   * returns the name the registry spec should carry as its path; absent: the artifact's own path.
   */
  publish?(artifactPath: string, jobId: string): Promise<string>;
  /** Trains; `artifactPath` is `run.workDir` when the result is local, null when it lives remotely. */
  train(run: TrainingRun): Promise<TrainingOutput>;
}
