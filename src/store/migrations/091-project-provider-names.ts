// Provider names are unique within a project: two projects may each configure a provider `team-openai`
// through the API, and configuring one never tells a project that another project has it.
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './migration-context.js';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine === 'postgres') {
    await sql`alter table gateway_providers drop constraint gateway_providers_pkey`.execute(db);
    await sql`alter table gateway_providers add constraint gateway_providers_project_name unique (project_id, name)`.execute(db);
    return;
  }
  // SQLite cannot drop a primary key: the table is rebuilt from its stored definition (nothing references it).
  const created = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'gateway_providers'`.execute(db);
  const definition = created.rows[0]?.sql ?? '';
  const withoutKey = definition.replace(/("name"\s+text)\s+primary key/i, '$1 not null');
  if (withoutKey === definition) throw new Error('migration 091: gateway_providers has no name primary key to relax');
  const scoped = withoutKey.replace(/\)\s*$/, ', constraint "gateway_providers_project_name" unique ("project_id", "name"))');
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'gateway_providers' and sql is not null`.execute(db);
  await sql`create table gateway_providers_copy_091 as select * from gateway_providers`.execute(db);
  await sql`drop table gateway_providers`.execute(db);
  await sql.raw(scoped).execute(db);
  await sql`insert into gateway_providers select * from gateway_providers_copy_091`.execute(db);
  await sql`drop table gateway_providers_copy_091`.execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}
