// The hash of a version, computed as items stream past: sha256 over the item hashes in order, so
// two versions with the same items in the same order have the same hash.
import { createHash, type Hash } from 'node:crypto';
import { DATASET_SPLITS, type DatasetSplit } from '../dataset-item.js';

export type SplitCounts = Record<DatasetSplit | 'none', number>;

export function emptySplitCounts(): SplitCounts {
  return { train: 0, validation: 0, test: 0, none: 0 };
}

export class VersionHasher {
  readonly #hash: Hash = createHash('sha256');
  readonly splits: SplitCounts = emptySplitCounts();
  count = 0;

  add(itemHash: string, split: DatasetSplit | undefined): void {
    this.#hash.update(itemHash).update('\n');
    this.count++;
    this.splits[split !== undefined && DATASET_SPLITS.includes(split) ? split : 'none']++;
  }

  digest(): string {
    return this.#hash.digest('hex');
  }
}
