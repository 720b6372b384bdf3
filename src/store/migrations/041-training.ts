// Training jobs and their events (log lines, loss points).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('training_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('backend', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('base_model', 'text', (c) => c.notNull())
    .addColumn('output_model', 'text', (c) => c.notNull())
    .addColumn('dataset_version_id', 'text')
    .addColumn('inline_items_json', 'text')
    .addColumn('hyper_json', 'text', (c) => c.notNull())
    .addColumn('backend_config_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('eta_ms', 'bigint')
    .addColumn('last_loss', 'double precision')
    .addColumn('error', 'text')
    .addColumn('output_json', 'text')
    .addColumn('checkpoint_json', 'text')
    .addColumn('model_version_id', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .execute();
  await db.schema.createIndex('training_jobs_project_created').on('training_jobs').columns(['project_id', 'created_at']).execute();
  await db.schema.createIndex('training_jobs_state').on('training_jobs').column('state').execute();

  await db.schema
    .createTable('training_job_events')
    .addColumn('job_id', 'text', (c) => c.notNull().references('training_jobs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('step', 'integer')
    .addColumn('loss', 'double precision')
    .addColumn('data_json', 'text')
    .addPrimaryKeyConstraint('training_job_events_pk', ['job_id', 'seq'])
    .execute();
}
