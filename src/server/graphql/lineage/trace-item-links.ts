// Which dataset versions hold items curated from given traces, and which traces the items of given
// versions came from: items keep `provenance.traceId` inside their stored JSON. Content-addressed
// items are shared between projects, so every query goes through the version's dataset's project.
import type { DatasetItem } from '../../../datasets/index.js';
import type { Db } from '../../../store/index.js';

function traceIdOf(itemJson: string): string | undefined {
  const item = JSON.parse(itemJson) as DatasetItem;
  return item.provenance?.traceId;
}

/** version id → trace ids of its items, at most `limit` items read in all. */
export async function tracesOfVersions(db: Db, projectId: string, versionIds: readonly string[], limit: number): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (versionIds.length === 0) return map;
  const rows = await db
    .selectFrom('dataset_version_items as m')
    .innerJoin('dataset_items as i', 'i.hash', 'm.item_hash')
    .innerJoin('dataset_versions as v', 'v.id', 'm.version_id')
    .innerJoin('datasets as d', 'd.id', 'v.dataset_id')
    .select(['m.version_id', 'i.item_json'])
    .where('d.project_id', '=', projectId)
    .where('m.version_id', 'in', [...versionIds])
    .where('i.item_json', 'like', '%"traceId":%')
    .orderBy('m.version_id')
    .orderBy('m.position')
    .limit(limit)
    .execute();
  for (const row of rows) {
    const traceId = traceIdOf(row.item_json);
    if (traceId) map.set(row.version_id, [...new Set([...(map.get(row.version_id) ?? []), traceId])]);
  }
  return map;
}

/** trace id → ids of the project's dataset versions holding an item curated from it. */
export async function versionsOfTraces(db: Db, projectId: string, traceIds: readonly string[], limit: number): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (traceIds.length === 0) return map;
  const wanted = new Set(traceIds);
  const rows = await db
    .selectFrom('dataset_version_items as m')
    .innerJoin('dataset_items as i', 'i.hash', 'm.item_hash')
    .innerJoin('dataset_versions as v', 'v.id', 'm.version_id')
    .innerJoin('datasets as d', 'd.id', 'v.dataset_id')
    .select(['m.version_id', 'i.item_json'])
    .where('d.project_id', '=', projectId)
    .where((eb) => eb.or(traceIds.map((id) => eb('i.item_json', 'like', `%"traceId":${JSON.stringify(id)}%`))))
    .orderBy('v.created_at')
    .limit(limit)
    .execute();
  for (const row of rows) {
    // LIKE treats _ as a wildcard: the parsed id decides.
    const traceId = traceIdOf(row.item_json);
    if (traceId && wanted.has(traceId)) map.set(traceId, [...new Set([...(map.get(traceId) ?? []), row.version_id])]);
  }
  return map;
}
