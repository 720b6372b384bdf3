// Training jobs: fine-tuning, preference tuning, distillation and quantisation on pluggable
// backends, queued in process or on BullMQ, with logs, a loss curve, cancel, retry and recovery.
export { TRAINING_JOB_STATES, TRAINING_METHODS, FINISHED_STATES, isFinished, type TrainingJob, type TrainingJobEvent, type TrainingJobState, type TrainingMethod, type TrainingOutput } from './training-job.js';
export { TrainingHyperParametersSchema, parseHyperParameters, type TrainingHyperParameters, type TrainingHyperParametersInput } from './training-hyper-parameters.js';
export { TrainingService, TRAINING_CANCEL_TOPIC, type CreateTrainingJobInput, type TrainingServiceOptions } from './training-service.js';
export type { CandidateRegistrar, CandidateRegistration, TrainingDataSource } from './training-ports.js';
export { fineTuningRow, writeTrainingFile, checkItemsForMethod } from './training-data-file.js';
export { createTrainingBackends, BuiltinBackend, CommandBackend, OpenAiFineTuningBackend, type TrainingBackend, type TrainingRun, type TrainingProgress } from './backends/index.js';
export { JOB_QUEUE_KINDS, type JobQueue, type JobQueueKind, type JobHandler } from './queue/job-queue.js';
export { InProcessQueue } from './queue/in-process-queue.js';
export { BullMqQueue, type BullMqQueueOptions } from './queue/bullmq-queue.js';
export { RegistryCandidateRegistrar } from './registry-registrar.js';
export { DatasetTrainingDataSource } from './dataset-data-source.js';
