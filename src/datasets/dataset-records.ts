// The public shapes of datasets and their versions, as the API and other parts see them.
import { z } from 'zod';
import type { SplitCounts } from './versions/version-hasher.js';
import type { VersionParams } from './versions/version-params.js';

/** What made a version from its parents. */
export const DATASET_OPERATIONS = ['import', 'filter', 'merge', 'split', 'augment', 'curate'] as const;
export type DatasetOperation = (typeof DATASET_OPERATIONS)[number];

/** Dataset-level provenance: where the data came from and on what terms. */
export const DatasetProvenanceSchema = z
  .object({
    source: z.string().min(1).optional(),
    licence: z.string().min(1).optional(),
    consent: z.union([z.boolean(), z.string().min(1)]).optional(),
    collectedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type DatasetProvenance = z.infer<typeof DatasetProvenanceSchema>;

export interface Dataset {
  id: string;
  projectId: string;
  name: string;
  description: string;
  provenance: DatasetProvenance;
  latestVersion: number | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface DatasetVersion {
  id: string;
  datasetId: string;
  dataset: string;
  version: number;
  hash: string;
  itemCount: number;
  splits: SplitCounts;
  operation: DatasetOperation;
  params: VersionParams;
  /** Version ids this one was made from. */
  parents: string[];
  message: string;
  createdAt: string;
  createdBy: string | null;
}

/** A version as `dataset@version`, the way lineage and runs name it. */
export function versionLabel(version: Pick<DatasetVersion, 'dataset' | 'version'>): string {
  return `${version.dataset}@${version.version}`;
}
