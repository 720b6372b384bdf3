// Deterministic dataset augmentation: new items made from existing ones by perturbation or
// counterfactual swaps, each recording in its metadata the operation and the item it came from.
import { type DatasetItem, type ItemInput, mapUserText } from '../dataset-item.js';
import { type SwapKind, counterfactualSwap } from './counterfactual-swap.js';
import { perturbWith } from './perturb-text.js';
import { createRandom } from './seeded-random.js';
import { PERTURBATION_KINDS, type PerturbationKind } from './text-perturbation.js';

export const AUGMENTATION_KINDS = ['perturb', 'counterfactual'] as const;
export type AugmentationKind = (typeof AUGMENTATION_KINDS)[number];

export interface PerturbAugmentOptions {
  kind: 'perturb';
  seed: number | string;
  /** Which perturbations to apply; each makes its own copies. All by default. */
  perturbations?: readonly PerturbationKind[];
  /** Copies per item and perturbation (default 1). */
  copies?: number;
  /** Share of eligible words touched (default 0.15). */
  rate?: number;
  /** Keep the source items in the output, before their copies (default false). */
  includeOriginals?: boolean;
}

export interface CounterfactualAugmentOptions {
  kind: 'counterfactual';
  seed: number | string;
  swaps?: readonly SwapKind[];
  includeOriginals?: boolean;
}

export type AugmentOptions = PerturbAugmentOptions | CounterfactualAugmentOptions;

/** What `metadata.augmentation` of a generated item holds. */
export interface AugmentationRecord {
  /** e.g. `perturb:typos`, `counterfactual`, `paraphrase`. */
  operation: string;
  /** The source item's id, when it had one. */
  sourceId?: string;
  /** The source item's position in the input list. */
  sourceIndex: number;
  seed?: number | string;
  /** Counterfactual swaps made, as `from→to`. */
  changes?: string[];
}

/** Builds a derived item: new id, same split and provenance, metadata recording its origin. */
export function deriveItem<T extends DatasetItem>(source: T, index: number, record: AugmentationRecord, changes: Partial<T>): T {
  const base = source.id ?? `item-${index}`;
  const suffix = record.operation.replace(/[^a-z0-9]+/gi, '-');
  return {
    ...source,
    ...changes,
    id: `${base}~${suffix}`,
    metadata: { ...source.metadata, augmentation: record },
  };
}

/**
 * Makes new items from `items`. Deterministic: the same items, options and seed give the same
 * output. Only user text is changed (system prompts and assistant turns are kept); perturbations
 * keep the reference, counterfactual swaps change the reference and preference answers too, with
 * the same name mapping. Items with nothing to swap produce no counterfactual.
 *
 * @example
 * augment(items, { kind: 'perturb', seed: 42, perturbations: ['typos', 'casing'] })
 */
export function augment(items: readonly DatasetItem[], options: AugmentOptions): DatasetItem[] {
  const out: DatasetItem[] = [];
  items.forEach((item, index) => {
    if (options.includeOriginals) out.push(item);
    if (options.kind === 'perturb') out.push(...perturbItem(item, index, options));
    else {
      const counterfactual = counterfactualItem(item, index, options);
      if (counterfactual !== undefined) out.push(counterfactual);
    }
  });
  return out;
}

function perturbItem(item: DatasetItem, index: number, options: PerturbAugmentOptions): DatasetItem[] {
  const out: DatasetItem[] = [];
  const copies = Math.max(1, Math.floor(options.copies ?? 1));
  for (const kind of options.perturbations ?? PERTURBATION_KINDS) {
    for (let copy = 0; copy < copies; copy++) {
      const random = createRandom(`${options.seed}:${item.id ?? index}:${kind}:${copy}`);
      const input = mapUserText(item.input, (text) => perturbWith(text, kind, random, options.rate ?? 0.15));
      const record: AugmentationRecord = { operation: `perturb:${kind}`, sourceIndex: index, seed: options.seed };
      if (item.id !== undefined) record.sourceId = item.id;
      const derived = deriveItem<DatasetItem>(item, index, record, { input });
      if (copies > 1) derived.id = `${derived.id}-${copy + 1}`;
      out.push(derived);
    }
  }
  return out;
}

function counterfactualItem(item: DatasetItem, index: number, options: CounterfactualAugmentOptions): DatasetItem | undefined {
  const changes: string[] = [];
  const swap = (text: string): string => {
    const result = counterfactualSwap(text, { seed: options.seed, swaps: options.swaps });
    for (const s of result.swaps) changes.push(`${s.from}→${s.to}`);
    return result.text;
  };
  const input: ItemInput = mapUserText(item.input, swap);
  if (changes.length === 0) return undefined;
  const record: AugmentationRecord = { operation: 'counterfactual', sourceIndex: index, seed: options.seed, changes };
  if (item.id !== undefined) record.sourceId = item.id;
  if (item.kind === 'example') {
    const reference = item.reference === undefined ? undefined : swap(item.reference);
    return deriveItem(item, index, record, reference === undefined ? { input } : { input, reference });
  }
  return deriveItem(item, index, record, { input, chosen: swap(item.chosen), rejected: swap(item.rejected) });
}
