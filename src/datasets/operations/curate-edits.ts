// Hand curation of a version: remove items by id, replace items with the same id, add new ones.
import { z } from 'zod';
import { invalid } from '../../errors/index.js';
import { type DatasetItem, parseDatasetItem } from '../dataset-item.js';

export const CurateSpecSchema = z
  .object({
    add: z.array(z.unknown()).default([]),
    /** Items replacing the stored item with the same id. */
    update: z.array(z.unknown()).default([]),
    remove: z.array(z.string()).default([]),
  })
  .strict();
export type CurateSpec = z.infer<typeof CurateSpecSchema>;

export interface CurateEdits {
  add: DatasetItem[];
  update: Map<string, DatasetItem>;
  remove: Set<string>;
}

/** Validates the edits (items through the one item schema). */
export function parseCurateEdits(spec: CurateSpec): CurateEdits {
  const update = new Map<string, DatasetItem>();
  for (const raw of spec.update) {
    const item = parseDatasetItem(raw);
    if (item.id === undefined) throw invalid('every item in update needs the id of the item it replaces');
    update.set(item.id, item);
  }
  return { add: spec.add.map(parseDatasetItem), update, remove: new Set(spec.remove) };
}

/** Applies the edits to a stream of items. */
export async function* applyEdits(items: AsyncIterable<DatasetItem>, edits: CurateEdits): AsyncGenerator<DatasetItem> {
  for await (const item of items) {
    if (item.id !== undefined && edits.remove.has(item.id)) continue;
    yield (item.id !== undefined && edits.update.get(item.id)) || item;
  }
  yield* edits.add;
}
