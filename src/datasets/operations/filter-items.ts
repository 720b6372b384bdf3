// Which items a filter keeps: by split, kind, metadata values, text, or ids. Pure, so the same
// filter over the same version always gives the same version.
import { z } from 'zod';
import { DATASET_ITEM_KINDS, DATASET_SPLITS, type DatasetItem, inputText, targetText } from '../dataset-item.js';

export const FilterSpecSchema = z
  .object({
    splits: z.array(z.enum(DATASET_SPLITS)).min(1).optional(),
    kind: z.enum(DATASET_ITEM_KINDS).optional(),
    /** Keep items whose metadata has each of these values. */
    metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Keep items whose prompt or target contains this text (case-insensitive). */
    contains: z.string().min(1).optional(),
    /** Drop items whose prompt or target contains this text (case-insensitive). */
    excludes: z.string().min(1).optional(),
    includeIds: z.array(z.string()).optional(),
    excludeIds: z.array(z.string()).optional(),
  })
  .strict();
export type FilterSpec = z.infer<typeof FilterSpecSchema>;

/** True when `item` passes every condition of `spec`. */
export function keepItem(item: DatasetItem, spec: FilterSpec): boolean {
  if (spec.splits && (item.split === undefined || !spec.splits.includes(item.split))) return false;
  if (spec.kind && item.kind !== spec.kind) return false;
  if (spec.includeIds && (item.id === undefined || !spec.includeIds.includes(item.id))) return false;
  if (spec.excludeIds && item.id !== undefined && spec.excludeIds.includes(item.id)) return false;
  if (spec.metadata) {
    for (const [key, expected] of Object.entries(spec.metadata)) if (item.metadata?.[key] !== expected) return false;
  }
  if (spec.contains || spec.excludes) {
    const text = `${inputText(item.input)}\n${targetText(item) ?? ''}`.toLowerCase();
    if (spec.contains && !text.includes(spec.contains.toLowerCase())) return false;
    if (spec.excludes && text.includes(spec.excludes.toLowerCase())) return false;
  }
  return true;
}
