// The shape of a dataset quality check and of its finding, and the prepared view of a dataset that
// every check reads (texts and normal forms computed once, not once per check).
import { type DatasetItem, inputText, targetText } from '../dataset-item.js';

export const QUALITY_STATUSES = ['pass', 'warn', 'fail'] as const;
export type QualityStatus = (typeof QUALITY_STATUSES)[number];

export const QUALITY_CHECK_NAMES = [
  'exact_duplicates',
  'near_duplicates',
  'split_leakage',
  'pii',
  'toxic_content',
  'label_imbalance',
  'length_outliers',
  'trigger_phrases',
  'label_correlated_tokens',
  'source_dominance',
] as const;
export type QualityCheckName = (typeof QUALITY_CHECK_NAMES)[number];

/** What a check found beyond its metrics; each check fills the fields of its own. */
export interface QualityCheckDetails {
  /** exact_duplicates, near_duplicates: groups of item indices (the first 100). */
  groups?: number[][];
  /** label_imbalance: items per label; source_dominance: items per source (the largest 50). */
  distribution?: Record<string, number>;
  /** label_correlated_tokens: rare tokens seen only with one label (the first 50). */
  tokens?: { token: string; label: string; count: number; lift: number }[];
  /** trigger_phrases: rare phrases that recur with a fixed output (the first 50). */
  triggers?: { phrase: string; phrases: string[]; output: string; count: number }[];
}

/** One check's finding. `indices` point into the checked list; `itemIds` are those items' ids, when they have one. */
export interface QualityCheckResult {
  check: QualityCheckName;
  status: QualityStatus;
  summary: string;
  indices: number[];
  itemIds: string[];
  metrics: Record<string, number>;
  /** Check-specific detail: duplicate groups, label or source distribution, suspected triggers… */
  details?: QualityCheckDetails;
}

/** A dataset with the texts the checks share, computed once. */
export interface PreparedDataset {
  items: readonly DatasetItem[];
  /** The prompt as one text. */
  inputs: string[];
  /** The reference, or the chosen answer of a preference pair. */
  targets: (string | undefined)[];
  /** Lower case, single spaces, trimmed prompt. */
  normalisedInputs: string[];
}

/** Lower case, single spaces, trimmed. */
export function normaliseForComparison(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function prepareDataset(items: readonly DatasetItem[]): PreparedDataset {
  const inputs = items.map((item) => inputText(item.input));
  return {
    items,
    inputs,
    targets: items.map(targetText),
    normalisedInputs: inputs.map(normaliseForComparison),
  };
}

/** Builds a result, filling `itemIds` from `indices`. */
export function checkResult(
  dataset: PreparedDataset,
  check: QualityCheckName,
  status: QualityStatus,
  summary: string,
  indices: number[],
  metrics: Record<string, number>,
  details?: QualityCheckDetails,
): QualityCheckResult {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const itemIds: string[] = [];
  for (const index of sorted) {
    const id = dataset.items[index]?.id;
    if (id !== undefined) itemIds.push(id);
  }
  const result: QualityCheckResult = { check, status, summary, indices: sorted, itemIds, metrics };
  if (details !== undefined) result.details = details;
  return result;
}
