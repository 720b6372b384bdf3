// Prices belong to a project: two projects may price the same provider model differently, and one
// project's price is never another's. The key becomes (project, provider, model).
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './migration-context.js';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine === 'postgres') {
    await sql`alter table prices drop constraint prices_pk`.execute(db);
    await sql`alter table prices add constraint prices_project_provider_model unique (project_id, provider, model)`.execute(db);
    return;
  }
  // SQLite cannot drop a primary key: the table is rebuilt (nothing references it).
  await db.schema
    .createTable('prices_scoped')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_per_mtok', 'double precision', (c) => c.notNull())
    .addColumn('output_per_mtok', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addUniqueConstraint('prices_project_provider_model', ['project_id', 'provider', 'model'])
    .execute();
  await sql`insert into prices_scoped (provider, model, input_per_mtok, output_per_mtok, updated_at, project_id)
    select provider, model, input_per_mtok, output_per_mtok, updated_at, project_id from prices`.execute(db);
  await sql`drop table prices`.execute(db);
  await sql`alter table prices_scoped rename to prices`.execute(db);
}
