// What changed between two versions: items matched by id are added, removed, changed (same id,
// different content) or unchanged.
import type { Db } from '../../store/index.js';
import type { DatasetItem } from '../dataset-item.js';
import { itemHashes } from '../dataset-repository.js';

export interface VersionDiff {
  from: string;
  to: string;
  counts: { added: number; removed: number; changed: number; unchanged: number };
  added: DatasetItem[];
  removed: DatasetItem[];
  changed: { id: string; before: DatasetItem; after: DatasetItem }[];
  /** True when the lists were cut at `limit`. */
  truncated: boolean;
}

async function itemsByHash(db: Db, hashes: string[]): Promise<Map<string, DatasetItem>> {
  const map = new Map<string, DatasetItem>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db.selectFrom('dataset_items').select(['hash', 'item_json']).where('hash', 'in', hashes.slice(i, i + 500)).execute();
    for (const row of rows) map.set(row.hash, JSON.parse(row.item_json) as DatasetItem);
  }
  return map;
}

export async function diffVersions(db: Db, fromId: string, toId: string, limit = 200): Promise<VersionDiff> {
  const before = await itemHashes(db, fromId);
  const after = await itemHashes(db, toId);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: [string, string, string][] = [];
  let unchanged = 0;
  for (const [id, hash] of after) {
    const old = before.get(id);
    if (old === undefined) added.push(hash);
    else if (old !== hash) changed.push([id, old, hash]);
    else unchanged++;
  }
  for (const [id, hash] of before) if (!after.has(id)) removed.push(hash);
  const shown = [...added.slice(0, limit), ...removed.slice(0, limit), ...changed.slice(0, limit).flatMap(([, a, b]) => [a, b])];
  const items = await itemsByHash(db, [...new Set(shown)]);
  const pick = (hash: string) => items.get(hash)!;
  return {
    from: fromId,
    to: toId,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged },
    added: added.slice(0, limit).map(pick),
    removed: removed.slice(0, limit).map(pick),
    changed: changed.slice(0, limit).map(([id, a, b]) => ({ id, before: pick(a), after: pick(b) })),
    truncated: added.length > limit || removed.length > limit || changed.length > limit,
  };
}
