// Spans belong to a project: the same OTLP trace and span ids sent by two projects are two spans, and
// a span re-sent by one project replaces only its own copy. The key becomes (project, trace, span).
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from './migration-context.js';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine === 'postgres') {
    await sql`alter table spans drop constraint spans_pk`.execute(db);
    await sql`alter table spans add constraint spans_pk primary key (project_id, trace_id, span_id)`.execute(db);
    return;
  }
  // SQLite cannot change a primary key: the table is rebuilt (nothing references it).
  await db.schema
    .createTable('spans_scoped')
    .addColumn('trace_id', 'text', (c) => c.notNull())
    .addColumn('span_id', 'text', (c) => c.notNull())
    .addColumn('parent_span_id', 'text')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('status_code', 'text', (c) => c.notNull())
    .addColumn('status_message', 'text')
    .addColumn('service_name', 'text')
    .addColumn('operation', 'text')
    .addColumn('model', 'text')
    .addColumn('attributes_json', 'text', (c) => c.notNull())
    .addColumn('events_json', 'text')
    .addColumn('steward_trace_id', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('spans_scoped_pk', ['project_id', 'trace_id', 'span_id'])
    .execute();
  await sql`insert into spans_scoped select trace_id, span_id, parent_span_id, project_id, name, kind, start_ms, end_ms, status_code, status_message, service_name, operation, model, attributes_json, events_json, steward_trace_id, received_at from spans`.execute(db);
  await sql`drop table spans`.execute(db);
  await sql`alter table spans_scoped rename to spans`.execute(db);
  await db.schema.createIndex('spans_received').on('spans').column('received_at').execute();
}
