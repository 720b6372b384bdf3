// Names are unique within a project, not across the instance: two projects may each have a model
// `support` (and so versions `support-001`) and a prompt `reply`, and creating one never tells a
// project that another project has it.
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './migration-context.js';

const NAMED_TABLES = ['models', 'model_versions', 'prompts'] as const;

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine === 'postgres') {
    await sql`alter table model_versions add column project_id text`.execute(db);
    await sql`update model_versions set project_id = (select project_id from models where models.id = model_versions.model_id)`.execute(db);
    for (const table of NAMED_TABLES) {
      await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_name_key`)}`.execute(db);
      await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_project_name`)} unique (project_id, name)`.execute(db);
    }
    return;
  }
  await sql`alter table model_versions add column project_id text`.execute(db);
  await sql`update model_versions set project_id = (select project_id from models where models.id = model_versions.model_id)`.execute(db);
  // SQLite cannot drop a column's unique constraint: each table is rebuilt from its own stored
  // definition (so columns other migrations added stay), with children's references deferred
  // until the rows are back under the same name.
  await sql`pragma defer_foreign_keys = on`.execute(db);
  for (const table of NAMED_TABLES) await rebuildWithProjectName(db, table);
}

async function rebuildWithProjectName(db: Kysely<unknown>, table: string): Promise<void> {
  const created = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const definition = created.rows[0]?.sql ?? '';
  const withoutUnique = definition.replace(/("name"\s+text\s+not null)\s+unique/i, '$1');
  if (withoutUnique === definition) throw new Error(`migration 081: ${table} has no unique name column to relax`);
  const scoped = withoutUnique.replace(/\)\s*$/, `, constraint "${table}_project_name" unique ("project_id", "name"))`);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const copy = `${table}_copy_081`;
  await sql`create table ${sql.table(copy)} as select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql.raw(scoped).execute(db);
  await sql`insert into ${sql.table(table)} select * from ${sql.table(copy)}`.execute(db);
  await sql`drop table ${sql.table(copy)}`.execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}
