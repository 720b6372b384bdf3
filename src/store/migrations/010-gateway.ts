// The gateway's tables: providers, route revisions, prices, traces, feedback, batch files and jobs.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gateway_providers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('config_json', 'text', (c) => c.notNull())
    .addColumn('secret_name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('route_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('route_name', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('config_json', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('route_revisions_name_revision', ['route_name', 'revision'])
    .execute();

  await db.schema
    .createTable('prices')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_per_mtok', 'double precision', (c) => c.notNull())
    .addColumn('output_per_mtok', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('prices_pk', ['provider', 'model'])
    .execute();

  await db.schema
    .createTable('key_limits')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('config_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('traces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('requested_model', 'text', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('route_revision', 'integer')
    .addColumn('provider', 'text')
    .addColumn('model', 'text')
    .addColumn('version_id', 'text')
    .addColumn('prompt_version_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('stream', 'integer', (c) => c.notNull())
    .addColumn('cache_hit', 'integer', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('user_pseudonym', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('tokens_in', 'integer', (c) => c.notNull())
    .addColumn('tokens_out', 'integer', (c) => c.notNull())
    .addColumn('cost_usd', 'double precision', (c) => c.notNull())
    .addColumn('ttft_ms', 'double precision')
    .addColumn('latency_ms', 'double precision', (c) => c.notNull())
    .addColumn('overhead_ms', 'double precision')
    .addColumn('attempts_json', 'text', (c) => c.notNull())
    .addColumn('request_json', 'text')
    .addColumn('response_json', 'text')
    .execute();
  await db.schema.createIndex('traces_created').on('traces').column('created_at').execute();
  await db.schema.createIndex('traces_route').on('traces').columns(['route', 'id']).execute();
  await db.schema.createIndex('traces_key').on('traces').columns(['key_id', 'id']).execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('thumb', 'text')
    .addColumn('rating', 'integer')
    .addColumn('comment', 'text')
    .addColumn('correction', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('annotator', 'text')
    .addColumn('actor_id', 'text')
    .execute();
  await db.schema.createIndex('feedback_trace').on('feedback').column('trace_id').execute();

  await db.schema
    .createTable('gateway_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text')
    .addColumn('key_id', 'text')
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('input_file_id', 'text', (c) => c.notNull())
    .addColumn('output_file_id', 'text')
    .addColumn('error_file_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completion_window', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('completed', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('metadata_json', 'text')
    .addColumn('errors_json', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('in_progress_at', 'bigint')
    .addColumn('finalizing_at', 'bigint')
    .addColumn('completed_at', 'bigint')
    .addColumn('failed_at', 'bigint')
    .addColumn('cancelling_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('batches_status').on('batches').column('status').execute();
}
