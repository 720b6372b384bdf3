// Deterministic train / validation / test assignment: each item's place comes from a hash of the
// seed and its id, so the same seed always splits the same way and adding items moves no others.
import { z } from 'zod';
import type { DatasetItem, DatasetSplit } from '../dataset-item.js';
import { sha256 } from '../versions/canonical-item.js';

export const SplitSpecSchema = z
  .object({
    ratios: z
      .object({ train: z.number().min(0), validation: z.number().min(0).default(0), test: z.number().min(0).default(0) })
      .refine((r) => r.train + r.validation + r.test > 0, 'the ratios must not all be zero'),
    seed: z.union([z.string(), z.number()]).default(0),
    /** Re-assign items that already have a split (default false: only items without one). */
    overwrite: z.boolean().default(false),
  })
  .strict();
export type SplitSpec = z.infer<typeof SplitSpecSchema>;

/** A number in [0, 1) fixed by the seed and the item id. */
function position(seed: string | number, id: string): number {
  return Number.parseInt(sha256(`${seed}:${id}`).slice(0, 12), 16) / 2 ** 48;
}

export function assignSplit(item: DatasetItem, spec: SplitSpec): DatasetItem {
  if (item.split !== undefined && !spec.overwrite) return item;
  const { train, validation, test } = spec.ratios;
  const total = train + validation + test;
  const u = position(spec.seed, item.id ?? JSON.stringify(item.input)) * total;
  const split: DatasetSplit = u < train ? 'train' : u < train + validation ? 'validation' : 'test';
  return { ...item, split };
}
