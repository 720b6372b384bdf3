// Every object belongs to one project: the tables that had no project column get one, filled with the
// default project for rows written before projects were tenants, and indexed for the per-project reads.
// Providers get a `shared` flag: only the instance owner may share one with every project.
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './migration-context.js';

const SCOPED_TABLES = ['gateway_providers', 'route_revisions', 'prices', 'feedback', 'models', 'prompts', 'route_experiments', 'rollouts'] as const;

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  for (const table of SCOPED_TABLES) {
    await db.schema.alterTable(table).addColumn('project_id', 'text').execute();
    // Rows from before this migration belong to the default project (the only one most had).
    await sql`update ${sql.table(table)} set project_id = (select id from projects where name = 'default') where project_id is null`.execute(db);
    await db.schema.createIndex(`${table}_project`).on(table).column('project_id').execute();
  }
  // Traces, files and batches had a nullable project column that the writers always filled.
  for (const table of ['traces', 'gateway_files', 'batches'] as const) {
    await sql`update ${sql.table(table)} set project_id = (select id from projects where name = 'default') where project_id is null`.execute(db);
  }
  await db.schema.createIndex('traces_project').on('traces').columns(['project_id', 'id']).execute();
  await db.schema.alterTable('gateway_providers').addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await routeNamesPerProject(db, ctx);
}

/** Two projects may each have a route `chat`: revision numbers are unique per project and name. */
async function routeNamesPerProject(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine === 'postgres') {
    await sql`alter table route_revisions drop constraint route_revisions_name_revision`.execute(db);
    await sql`alter table route_revisions add constraint route_revisions_project_name_revision unique (project_id, route_name, revision)`.execute(db);
    return;
  }
  // SQLite cannot drop a table constraint: the table is rebuilt (nothing references it).
  await db.schema
    .createTable('route_revisions_scoped')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('route_name', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('config_json', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addUniqueConstraint('route_revisions_project_name_revision', ['project_id', 'route_name', 'revision'])
    .execute();
  await sql`insert into route_revisions_scoped (id, route_name, revision, config_json, actor_id, actor_name, reason, created_at, project_id)
    select id, route_name, revision, config_json, actor_id, actor_name, reason, created_at, project_id from route_revisions`.execute(db);
  await sql`drop table route_revisions`.execute(db);
  await sql`alter table route_revisions_scoped rename to route_revisions`.execute(db);
  await db.schema.createIndex('route_revisions_project_name').on('route_revisions').columns(['project_id', 'route_name']).execute();
}
