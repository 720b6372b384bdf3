// Hand curation of a version: remove items by id, replace items with the same id, add new ones.
import { z } from 'zod';
import { StewardError, invalid } from '../../errors/index.js';
import { type DatasetItem, parseDatasetItem } from '../dataset-item.js';
import { applyFieldOptions, unknownFieldsMessage } from '../import/item-fields.js';

/** An edited item, strict like an import: a field an item does not have is refused by name. */
function parseEditedItem(raw: unknown, where: string): DatasetItem {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const fields = applyFieldOptions(raw as Record<string, unknown>);
    if ('unknown' in fields) throw new StewardError({ code: 'DATASET_FIELD_UNKNOWN', message: `${where}: ${unknownFieldsMessage(fields.unknown)}`, details: { field: where, fields: fields.unknown } });
  }
  return parseDatasetItem(raw);
}

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
  for (const [index, raw] of spec.update.entries()) {
    const item = parseEditedItem(raw, `update[${index}]`);
    if (item.id === undefined) throw invalid('every item in update needs the id of the item it replaces');
    update.set(item.id, item);
  }
  return { add: spec.add.map((raw, index) => parseEditedItem(raw, `add[${index}]`)), update, remove: new Set(spec.remove) };
}

/** Applies the edits to a stream of items. */
export async function* applyEdits(items: AsyncIterable<DatasetItem>, edits: CurateEdits): AsyncGenerator<DatasetItem> {
  for await (const item of items) {
    if (item.id !== undefined && edits.remove.has(item.id)) continue;
    yield (item.id !== undefined && edits.update.get(item.id)) || item;
  }
  yield* edits.add;
}
