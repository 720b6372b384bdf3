// What training needs from other parts, as small interfaces the server wires: the items of a
// dataset version, and the registry that records the result as a candidate version.
import type { DatasetItem } from '../datasets/dataset-item.js';
import type { Actor } from '../governance/index.js';
import type { Tx } from '../store/index.js';

/** Reads the items of a dataset version (the datasets service implements it). */
export interface TrainingDataSource {
  loadItems(projectId: string, datasetVersionId: string): Promise<DatasetItem[]>;
  /** The id of a dataset version given by id or as `name@version`; throws when there is none (checked at job creation). */
  resolveVersion?(projectId: string, ref: string): Promise<string>;
}

export interface CandidateRegistration {
  modelName: string;
  jobId: string;
  baseModel: string;
  spec: Record<string, unknown>;
  datasetVersionIds: string[];
  metrics: Record<string, number>;
  hyperParameters: Record<string, unknown>;
}

/**
 * Registers a finished job's output as a candidate model version with its lineage, inside the
 * transaction that marks the job succeeded: both happen or neither (never a half-registered
 * version). `afterCommit` runs once the transaction is committed (cache invalidation).
 */
export interface CandidateRegistrar {
  registerCandidate(tx: Tx, actor: Actor, registration: CandidateRegistration): Promise<{ id: string; version: string; afterCommit?: () => Promise<void> }>;
}
