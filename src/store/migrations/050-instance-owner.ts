// Two levels of administration: the admin keys Steward itself made (STEWARD_ADMIN_KEY, or the key
// printed on first start) become the instance `owner`; every other admin key administers only its
// project. Projects get a soft delete: deleted_at, and purge_after once the grace period ends.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('deleted_at', 'bigint').execute();
  await db.schema.alterTable('projects').addColumn('purge_after', 'bigint').execute();
  await sql`update api_keys set role = 'owner'
    where role = 'admin' and created_by is null
      and project_id in (select id from projects where name = 'default')`.execute(db);
}
