// Builds the training service: backends, the queue (BullMQ when Redis is configured, in process
// otherwise) and its start and drain in the server's lifecycle.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArtifactService } from '../artifacts/index.js';
import type { StewardConfig } from '../config/index.js';
import type { DatasetService } from '../datasets/index.js';
import type { SecretService } from '../governance/index.js';
import type { RegistryService } from '../registry/index.js';
import type { ChangeFeed, Store } from '../store/index.js';
import { BuiltinBackend, BullMqQueue, DatasetTrainingDataSource, InProcessQueue, type JobQueue, RegistryCandidateRegistrar, type TrainingBackend, TrainingService, createTrainingBackends } from '../training/index.js';
import type { Lifecycle } from './lifecycle.js';

const REPOSITORY_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

export interface BuildTrainingOptions {
  config: StewardConfig;
  store: Store;
  feed: ChangeFeed;
  secrets: SecretService;
  lifecycle: Lifecycle;
  dataDir: string;
  redisPrefix?: string;
  registry?: RegistryService;
  datasets?: DatasetService;
  /** Where finished builtin models are stored so every replica can serve them. */
  artifacts?: ArtifactService;
  /** Backends besides the defaults (the builtin model's). */
  extraBackends?: readonly TrainingBackend[];
}

export async function buildTraining(o: BuildTrainingOptions): Promise<TrainingService> {
  const queue: JobQueue = o.config.store.redisUrl
    ? new BullMqQueue({ redisUrl: o.config.store.redisUrl, prefix: `${o.redisPrefix ?? 'steward'}:bull` })
    : new InProcessQueue({ concurrency: 1 });
  const training = new TrainingService({
    store: o.store,
    feed: o.feed,
    secrets: o.secrets,
    queue,
    backends: createTrainingBackends([new BuiltinBackend({ modelsDirs: [REPOSITORY_MODELS_DIR, join(o.dataDir, 'models')], publishDir: join(o.dataDir, 'models'), artifacts: o.artifacts }), ...(o.extraBackends ?? [])]),
    root: join(o.dataDir, 'training'),
    registrar: o.registry ? new RegistryCandidateRegistrar(o.registry) : undefined,
    dataSource: o.datasets ? new DatasetTrainingDataSource(o.datasets) : undefined,
  });
  o.lifecycle.onClose('training', () => training.close());
  await training.start();
  return training;
}
