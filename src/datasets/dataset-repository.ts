// Reads of datasets, versions and items: rows mapped to records, versions resolved by number,
// `latest` or id, and items paged in order without loading a whole version.
import { notFound } from '../errors/index.js';
import type { DatasetVersionsTable, DatasetsTable, Db } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import type { Dataset, DatasetOperation, DatasetProvenance, DatasetVersion } from './dataset-records.js';
import type { DatasetItem, DatasetSplit } from './dataset-item.js';
import { emptySplitCounts, type SplitCounts } from './versions/version-hasher.js';
import type { VersionParams } from './versions/version-params.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function toDataset(row: DatasetsTable): Dataset {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    provenance: fromJsonColumn<DatasetProvenance>(row.provenance_json, {}),
    latestVersion: Number(row.latest_version) > 0 ? Number(row.latest_version) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    createdBy: row.created_by,
  };
}

export function toVersion(row: DatasetVersionsTable, dataset: string, parents: string[]): DatasetVersion {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    dataset,
    version: Number(row.version),
    hash: row.hash,
    itemCount: Number(row.item_count),
    splits: fromJsonColumn<SplitCounts>(row.split_counts_json, emptySplitCounts()),
    operation: row.operation as DatasetOperation,
    params: fromJsonColumn<VersionParams>(row.params_json, {}),
    parents,
    message: row.message,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
  };
}

export async function findDatasetRow(db: Db, projectId: string, name: string): Promise<DatasetsTable> {
  const row = await db
    .selectFrom('datasets')
    .selectAll()
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('name', '=', name), eb('id', '=', name)]))
    .executeTakeFirst();
  if (!row) throw notFound(`dataset ${name}`);
  return row;
}

export async function parentsOf(db: Db, versionIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (versionIds.length === 0) return map;
  const rows = await db
    .selectFrom('dataset_version_parents')
    .select(['version_id', 'parent_id'])
    .where('version_id', 'in', versionIds)
    .orderBy('ordinal')
    .execute();
  for (const row of rows) map.set(row.version_id, [...(map.get(row.version_id) ?? []), row.parent_id]);
  return map;
}

/** A version by number, `latest`, or id; throws NOT_FOUND. */
export async function findVersion(db: Db, dataset: DatasetsTable, ref: string | number): Promise<DatasetVersion> {
  let query = db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', dataset.id);
  const text = String(ref);
  if (text === 'latest') query = query.where('version', '=', Number(dataset.latest_version));
  else if (/^\d+$/.test(text)) query = query.where('version', '=', Number(text));
  else query = query.where('id', '=', text);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(`version ${text} of dataset ${dataset.name}`);
  const parents = await parentsOf(db, [row.id]);
  return toVersion(row, dataset.name, parents.get(row.id) ?? []);
}

/** A version by id alone (lineage walks cross datasets). */
export async function findVersionById(db: Db, id: string): Promise<DatasetVersion> {
  const row = await db
    .selectFrom('dataset_versions')
    .innerJoin('datasets', 'datasets.id', 'dataset_versions.dataset_id')
    .selectAll('dataset_versions')
    .select('datasets.name as dataset_name')
    .where('dataset_versions.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`dataset version ${id}`);
  const parents = await parentsOf(db, [row.id]);
  return toVersion(row, row.dataset_name, parents.get(row.id) ?? []);
}

export interface StoredItem {
  position: number;
  item: DatasetItem;
  hash: string;
}

export interface ItemPageQuery {
  /** Items after this position. */
  after?: number;
  limit?: number;
  split?: DatasetSplit;
}

/** One page of a version's items in order. */
export async function itemPage(db: Db, versionId: string, query: ItemPageQuery = {}): Promise<StoredItem[]> {
  let q = db
    .selectFrom('dataset_version_items as m')
    .innerJoin('dataset_items as i', 'i.hash', 'm.item_hash')
    .select(['m.position', 'm.item_hash', 'i.item_json'])
    .where('m.version_id', '=', versionId)
    .orderBy('m.position')
    .limit(query.limit ?? 500);
  if (query.after !== undefined) q = q.where('m.position', '>', query.after);
  if (query.split !== undefined) q = q.where('m.split', '=', query.split);
  const rows = await q.execute();
  return rows.map((row) => ({ position: Number(row.position), hash: row.item_hash, item: JSON.parse(row.item_json) as DatasetItem }));
}

/** Every item of a version in order, read page by page (constant memory). */
export async function* streamItems(db: Db, versionId: string, options: { split?: DatasetSplit; pageSize?: number } = {}): AsyncGenerator<StoredItem> {
  let after: number | undefined;
  for (;;) {
    const page = await itemPage(db, versionId, { after, limit: options.pageSize ?? 500, split: options.split });
    for (const entry of page) yield entry;
    if (page.length < (options.pageSize ?? 500)) return;
    after = page[page.length - 1].position;
  }
}

/** Every item of a version, in memory (for operations on small and medium versions). */
export async function loadItems(db: Db, versionId: string): Promise<DatasetItem[]> {
  const items: DatasetItem[] = [];
  for await (const entry of streamItems(db, versionId)) items.push(entry.item);
  return items;
}

/** item id → item hash for a version (for diffs). */
export async function itemHashes(db: Db, versionId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('dataset_version_items').select(['item_id', 'item_hash']).where('version_id', '=', versionId).execute();
  return new Map(rows.map((row) => [row.item_id, row.item_hash]));
}
