// Reading and locking registry rows. Every write to a model starts with lockModel, which bumps
// the model row inside the transaction: concurrent writers to one model wait for each other on
// both engines (PostgreSQL row lock; SQLite's single writer). Models are found inside one project:
// another project's model is REGISTRY_MODEL_NOT_FOUND, as if it did not exist.
import { sql } from 'kysely';
import { StewardError } from '../errors/index.js';
import type { Db, ModelVersionsTable, ModelsTable, Tx } from '../store/index.js';
import { parseVersionNumber } from './registry-names.js';

export function modelNotFound(name: string): StewardError {
  return new StewardError({ code: 'REGISTRY_MODEL_NOT_FOUND', message: `model ${name} not found`, details: { model: name } });
}

export function versionNotFound(model: string, ref: string): StewardError {
  return new StewardError({ code: 'MODEL_VERSION_NOT_FOUND', message: `version ${ref} of model ${model} not found`, details: { model, version: ref } });
}

export async function findModel(db: Db, projectId: string, name: string): Promise<ModelsTable | undefined> {
  return db.selectFrom('models').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
}

export async function requireModel(db: Db, projectId: string, name: string): Promise<ModelsTable> {
  const row = await findModel(db, projectId, name);
  if (!row) throw modelNotFound(name);
  return row;
}

/**
 * Locks the model row for the rest of the transaction and returns it. Its `updated_at` becomes the
 * time of this write, strictly after the previous write's, so history rows sort in order.
 */
export async function lockModel(tx: Tx, projectId: string, name: string, now = Date.now()): Promise<ModelsTable> {
  const row = await tx
    .updateTable('models')
    .set({ updated_at: sql<number>`case when updated_at >= ${now} then updated_at + 1 else ${now} end` })
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw modelNotFound(name);
  return row;
}

/** A version of `model` by `name-002`, `002`, `2` or `v2`; an alias name is accepted too. */
export async function findVersion(db: Db, model: ModelsTable, ref: string): Promise<ModelVersionsTable | undefined> {
  const seq = parseVersionNumber(model.name, ref);
  if (seq !== null) {
    return db.selectFrom('model_versions').selectAll().where('model_id', '=', model.id).where('seq', '=', seq).executeTakeFirst();
  }
  const alias = await db.selectFrom('model_aliases').select('version_id').where('model_id', '=', model.id).where('alias', '=', ref).executeTakeFirst();
  if (!alias) return undefined;
  return db.selectFrom('model_versions').selectAll().where('id', '=', alias.version_id).executeTakeFirst();
}

export async function requireVersion(db: Db, model: ModelsTable, ref: string): Promise<ModelVersionsTable> {
  const row = await findVersion(db, model, ref);
  if (!row) throw versionNotFound(model.name, ref);
  return row;
}

/** alias → version id of one model. */
export async function aliasRows(db: Db, modelId: string): Promise<{ alias: string; version_id: string }[]> {
  return db.selectFrom('model_aliases').select(['alias', 'version_id']).where('model_id', '=', modelId).orderBy('alias').execute();
}

/** version id → version name, for a model. */
export async function versionNames(db: Db, modelId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('model_versions').select(['id', 'name']).where('model_id', '=', modelId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
