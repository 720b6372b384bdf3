// Wires the datasets service: its store, the spool directory for uploads, and the text generator
// (paraphrase and synthetic augmentation) over whatever model caller the process has.
import { join } from 'node:path';
import { DatasetService } from '../datasets/index.js';
import type { GenerateText } from '../datasets/augmentation/index.js';
import type { Actor } from '../governance/index.js';
import type { Store } from '../store/index.js';

export interface BuildDatasetsOptions {
  store: Store;
  dataDir: string;
  /** A text generator over a model name, once a model caller exists. */
  textGenerator?: (actor: Actor, model: string) => GenerateText;
}

export function buildDatasets(options: BuildDatasetsOptions): DatasetService {
  return new DatasetService({ store: options.store, spoolDir: join(options.dataDir, 'spool'), textGenerator: options.textGenerator });
}
