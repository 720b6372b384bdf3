// Exact duplicates (same normalised prompt and target) and near duplicates (MinHash + LSH over
// character shingles, confirmed by the estimated Jaccard similarity).
import { connectedGroups, estimatedJaccard, lshCandidatePairs, minhashSignature, chooseBands } from './minhash.js';
import { type PreparedDataset, type QualityCheckResult, checkResult, normaliseForComparison } from './quality-check.js';
import type { QualityOptions } from './quality-options.js';

/** The normalised prompt and target of each item, the key of exact duplicates. */
export function exactKeys(dataset: PreparedDataset): string[] {
  return dataset.normalisedInputs.map((input, i) => `${input}\u0000${normaliseForComparison(dataset.targets[i] ?? '')}`);
}

export function exactDuplicatesCheck(dataset: PreparedDataset, options: QualityOptions): QualityCheckResult {
  const groups = new Map<string, number[]>();
  exactKeys(dataset).forEach((key, index) => {
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  });
  const duplicateGroups = [...groups.values()].filter((group) => group.length > 1);
  // Every member but the first of each group is redundant.
  const redundant = duplicateGroups.flatMap((group) => group.slice(1));
  const share = dataset.items.length === 0 ? 0 : redundant.length / dataset.items.length;
  const status = redundant.length === 0 ? 'pass' : share > options.duplicateFailShare ? 'fail' : 'warn';
  const summary =
    redundant.length === 0
      ? 'no exact duplicates'
      : `${redundant.length} redundant items in ${duplicateGroups.length} groups of exact duplicates (${(share * 100).toFixed(1)}%)`;
  return checkResult(dataset, 'exact_duplicates', status, summary, duplicateGroups.flat(), { groups: duplicateGroups.length, redundant: redundant.length, share }, {
    groups: duplicateGroups.slice(0, 100),
  });
}

/** MinHash signatures of every prompt (computed once per dataset and options). */
export function signaturesOf(dataset: PreparedDataset, options: QualityOptions): Uint32Array[] {
  return dataset.normalisedInputs.map((text) => minhashSignature(text, options.numHashes, options.shingleSize));
}

/** Pairs of items whose prompts are near duplicates (estimated Jaccard ≥ threshold). */
export function nearDuplicatePairs(signatures: readonly Uint32Array[], options: QualityOptions): [number, number][] {
  const { bands, rows } = chooseBands(options.numHashes, options.nearDuplicateThreshold);
  return lshCandidatePairs(signatures, bands, rows).filter(
    ([a, b]) => estimatedJaccard(signatures[a], signatures[b]) >= options.nearDuplicateThreshold,
  );
}

export function nearDuplicatesCheck(
  dataset: PreparedDataset,
  options: QualityOptions,
  signatures: readonly Uint32Array[],
): QualityCheckResult {
  const keys = dataset.normalisedInputs;
  // Exact copies are the other check's business: keep pairs whose prompts differ.
  const pairs = nearDuplicatePairs(signatures, options).filter(([a, b]) => keys[a] !== keys[b]);
  const groups = connectedGroups(dataset.items.length, pairs);
  const involved = groups.flat();
  const share = dataset.items.length === 0 ? 0 : involved.length / dataset.items.length;
  const status = groups.length === 0 ? 'pass' : share > options.duplicateFailShare ? 'fail' : 'warn';
  const summary =
    groups.length === 0
      ? `no near duplicates at Jaccard ≥ ${options.nearDuplicateThreshold}`
      : `${involved.length} items in ${groups.length} groups of near duplicates (Jaccard ≥ ${options.nearDuplicateThreshold})`;
  return checkResult(dataset, 'near_duplicates', status, summary, involved, { groups: groups.length, pairs: pairs.length, share }, {
    groups: groups.slice(0, 100),
  });
}
