// Two levels of administration: the admin keys Steward itself made (STEWARD_ADMIN_KEY, or the key
// printed on first start) become the instance `owner`; every other admin key administers only its
// project. Projects get a soft delete: deleted_at, and purge_after once the grace period ends.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('deleted_at', 'bigint').execute();
  await db.schema.alterTable('projects').addColumn('purge_after', 'bigint').execute();
  await promoteSystemAdmins(db);
}

/**
 * Makes the default project's system-created admin keys (created_by null) owners, and the keys
 * that replaced them by rotation (which copy the role); returns how many keys changed.
 */
export async function promoteSystemAdmins(db: Kysely<unknown>): Promise<number> {
  let changed = 0;
  let result = await sql`update api_keys set role = 'owner'
    where role = 'admin' and created_by is null
      and project_id in (select id from projects where name = 'default')`.execute(db);
  changed += Number(result.numAffectedRows ?? 0n);
  // A rotation chain may be long: follow it until no admin key replaces an owner key.
  for (;;) {
    result = await sql`update api_keys set role = 'owner'
      where role = 'admin' and rotated_from in (select id from (select id from api_keys where role = 'owner') as owners)`.execute(db);
    const n = Number(result.numAffectedRows ?? 0n);
    if (n === 0) break;
    changed += n;
  }
  return changed;
}
