// Annotation queues, items and annotations.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annotation_queues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('schema_json', 'text', (c) => c.notNull())
    .addColumn('filter_json', 'text', (c) => c.notNull())
    .addColumn('annotators_json', 'text', (c) => c.notNull())
    .addColumn('per_item', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('annotation_queues_project_name', ['project_id', 'name'])
    .execute();
  await db.schema
    .createTable('annotation_items')
    .addColumn('queue_id', 'text', (c) => c.notNull().references('annotation_queues.id'))
    .addColumn('trace_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('assigned_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annotation_items_pk', ['queue_id', 'trace_id'])
    .execute();
  await db.schema
    .createTable('annotations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue_id', 'text', (c) => c.notNull().references('annotation_queues.id'))
    .addColumn('trace_id', 'text', (c) => c.notNull())
    .addColumn('annotator', 'text', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('annotations_one_per_annotator', ['queue_id', 'trace_id', 'annotator'])
    .execute();
}
