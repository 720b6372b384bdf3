// Drift monitors and their results.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drift_monitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('drift_monitors_project_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createTable('drift_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('monitor_id', 'text', (c) => c.notNull().references('drift_monitors.id'))
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('test', 'text', (c) => c.notNull())
    .addColumn('statistic', 'double precision', (c) => c.notNull())
    .addColumn('p_value', 'double precision')
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('drifted', 'integer', (c) => c.notNull())
    .addColumn('n_reference', 'integer', (c) => c.notNull())
    .addColumn('n_current', 'integer', (c) => c.notNull())
    .addColumn('details_json', 'text')
    .execute();
  await db.schema.createIndex('drift_results_monitor_at').on('drift_results').columns(['monitor_id', 'at']).execute();
}
