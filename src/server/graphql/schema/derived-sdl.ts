// The types derived from the domain's own declarations: zod shapes become object types, closed sets
// become enums. Editing the domain's schema changes these; nothing here is written twice.
import { DATASET_ITEM_KINDS, DATASET_OPERATIONS, DATASET_SPLITS, DatasetItemSchema, DatasetProvenanceSchema, ProvenanceSchema } from '../../../datasets/index.js';
import { RUN_STATUSES } from '../../../evals/index.js';
import { ROLLOUT_STATUSES } from '../../../deployments/index.js';
import { TRACE_STATUSES } from '../../../monitoring/traces/index.js';
import { ModelCardSchema, VERSION_STATUSES, VersionSourceSchema } from '../../../registry/index.js';
import { TRAINING_JOB_STATES, TRAINING_METHODS, TrainingHyperParametersSchema } from '../../../training/index.js';
import { enumSdl } from './enum-sdl.js';
import { zodObjectSdl } from './zod-object-sdl.js';

export const derivedSdl = [
  enumSdl('VersionStatus', VERSION_STATUSES, 'Lifecycle stage of a model version'),
  enumSdl('TrainingJobState', TRAINING_JOB_STATES, 'State of a training job'),
  enumSdl('TrainingMethod', TRAINING_METHODS, 'What a training job does'),
  enumSdl('EvalRunStatus', RUN_STATUSES, 'State of an evaluation run (completed_with_errors: some call or metric errored)'),
  enumSdl('RolloutStatus', ROLLOUT_STATUSES, 'State of a canary rollout'),
  enumSdl('TraceStatus', TRACE_STATUSES, 'Outcome of a gateway call'),
  enumSdl('DatasetSplit', DATASET_SPLITS, 'Split of a dataset item'),
  enumSdl('DatasetItemKind', DATASET_ITEM_KINDS, 'example (input, reference) or preference (input, chosen, rejected)'),
  enumSdl('DatasetOperation', DATASET_OPERATIONS, 'What made a dataset version from its parents'),
  zodObjectSdl('ItemProvenance', ProvenanceSchema, 'Where an item came from (the trace and feedback it was curated from)'),
  // The item as stored; the graph adds its position and the trace it came from (datasets-sdl.ts).
  zodObjectSdl('DatasetItem', DatasetItemSchema, 'An example (input, reference) or a preference pair (input, chosen, rejected) with its provenance', {
    kind: 'DatasetItemKind!',
    split: 'DatasetSplit',
    provenance: 'ItemProvenance',
  }),
  zodObjectSdl('DatasetProvenance', DatasetProvenanceSchema, 'Where a dataset came from and on what terms'),
  zodObjectSdl('VersionSource', VersionSourceSchema, 'Where a version came from: manual, import, training_job, distillation or quantisation'),
  zodObjectSdl('HyperParameters', TrainingHyperParametersSchema, 'Hyper-parameters of a training job'),
  zodObjectSdl('ModelCard', ModelCardSchema, 'The edited text of a model card'),
].join('\n');
