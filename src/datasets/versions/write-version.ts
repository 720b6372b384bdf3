// Writes a new immutable version inside one transaction: the version number is allocated under the
// dataset row's lock, items are inserted in batches as they stream in (content-addressed, stored
// once), the hash is computed on the way, and lineage edges and the audit record are written last.
import type { Actor } from '../../governance/index.js';
import { recordAudit } from '../../governance/index.js';
import type { DatasetsTable, Tx } from '../../store/index.js';
import { newId, toJsonColumn } from '../../store/index.js';
import type { DatasetItem } from '../dataset-item.js';
import type { DatasetOperation } from '../dataset-records.js';
import { itemHash, withItemId } from './canonical-item.js';
import { VersionHasher } from './version-hasher.js';
import type { VersionParams } from './version-params.js';

const BATCH = 400;

export interface NewVersion {
  operation: DatasetOperation;
  params: VersionParams;
  /** Version ids the new one is made from (empty for a first import). */
  parents: readonly string[];
  message?: string;
  /** The items, read inside the transaction (so they may come from the same store). */
  items: (tx: Tx) => AsyncIterable<DatasetItem> | Iterable<DatasetItem>;
}

export interface WrittenVersion {
  id: string;
  version: number;
  hash: string;
  itemCount: number;
  /** True when the content equals the dataset's latest version: nothing was written and that version is returned. */
  unchanged: boolean;
}

class Unchanged extends Error {
  constructor(readonly existing: { id: string; version: number; hash: string; itemCount: number }) {
    super('unchanged');
  }
}

/**
 * Creates a version of `dataset` from `input.items`. When the content hash equals the latest
 * version's, the transaction is rolled back and the latest version is returned as `unchanged`.
 */
export async function writeVersion(
  transaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>,
  actor: Actor,
  dataset: DatasetsTable,
  input: NewVersion,
): Promise<WrittenVersion> {
  try {
    return await transaction(async (tx) => {
      // Incrementing the counter takes the dataset row's lock: concurrent writers of one dataset queue here.
      const head = await tx
        .updateTable('datasets')
        .set((eb) => ({ latest_version: eb('latest_version', '+', 1), updated_at: Date.now() }))
        .where('id', '=', dataset.id)
        .returning(['latest_version'])
        .executeTakeFirstOrThrow();
      const version = Number(head.latest_version);
      const previous =
        version > 1
          ? await tx.selectFrom('dataset_versions').select(['id', 'version', 'hash', 'item_count']).where('dataset_id', '=', dataset.id).where('version', '=', version - 1).executeTakeFirst()
          : undefined;
      const id = newId('dsv');
      const now = Date.now();
      await tx
        .insertInto('dataset_versions')
        .values({
          id,
          dataset_id: dataset.id,
          version,
          hash: 'pending',
          item_count: 0,
          split_counts_json: '{}',
          operation: input.operation,
          params_json: toJsonColumn(input.params) ?? '{}',
          message: input.message ?? '',
          created_at: now,
          created_by: actor.id,
        })
        .execute();

      const hasher = new VersionHasher();
      const seenIds = new Set<string>();
      let items: { hash: string; kind: string; item_json: string }[] = [];
      let members: { version_id: string; position: number; item_id: string; item_hash: string; split: string | null }[] = [];
      const flush = async () => {
        if (members.length === 0) return;
        const unique = [...new Map(items.map((row) => [row.hash, row])).values()];
        await tx.insertInto('dataset_items').values(unique).onConflict((oc) => oc.column('hash').doNothing()).execute();
        await tx.insertInto('dataset_version_items').values(members).execute();
        items = [];
        members = [];
      };
      for await (const raw of input.items(tx)) {
        let item = withItemId(raw);
        // Ids are unique within a version; a repeated id gets a stable suffix.
        if (seenIds.has(item.id!)) {
          let n = 2;
          while (seenIds.has(`${item.id}~${n}`)) n++;
          item = { ...item, id: `${item.id}~${n}` };
        }
        seenIds.add(item.id!);
        const hash = itemHash(item);
        hasher.add(hash, item.split);
        items.push({ hash, kind: item.kind, item_json: JSON.stringify(item) });
        members.push({ version_id: id, position: hasher.count, item_id: item.id!, item_hash: hash, split: item.split ?? null });
        if (members.length >= BATCH) await flush();
      }
      await flush();
      const hash = hasher.digest();
      if (previous && previous.hash === hash) {
        throw new Unchanged({ id: previous.id, version: Number(previous.version), hash, itemCount: Number(previous.item_count) });
      }
      await tx
        .updateTable('dataset_versions')
        .set({ hash, item_count: hasher.count, split_counts_json: JSON.stringify(hasher.splits) })
        .where('id', '=', id)
        .execute();
      if (input.parents.length > 0) {
        await tx
          .insertInto('dataset_version_parents')
          .values([...new Set(input.parents)].map((parent, ordinal) => ({ version_id: id, parent_id: parent, ordinal })))
          .execute();
      }
      await recordAudit(tx, {
        actor,
        action: `datasets.${input.operation}`,
        resourceType: 'dataset_version',
        resourceId: id,
        after: { dataset: dataset.name, version, hash, items: hasher.count, parents: input.parents },
      });
      return { id, version, hash, itemCount: hasher.count, unchanged: false };
    });
  } catch (error) {
    if (error instanceof Unchanged) return { ...error.existing, unchanged: true };
    throw error;
  }
}
