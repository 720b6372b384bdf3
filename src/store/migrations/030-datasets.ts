// Datasets: immutable content-hashed versions, lineage edges, content-addressed items, version
// membership and quality reports.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('provenance_json', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('datasets_project_name', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('dataset_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('split_counts_json', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('dataset_versions_number', ['dataset_id', 'version'])
    .execute();
  await db.schema.createIndex('dataset_versions_hash').on('dataset_versions').column('hash').execute();

  await db.schema
    .createTable('dataset_version_parents')
    .addColumn('version_id', 'text', (c) => c.notNull().references('dataset_versions.id'))
    .addColumn('parent_id', 'text', (c) => c.notNull().references('dataset_versions.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_version_parents_pk', ['version_id', 'parent_id'])
    .execute();
  await db.schema.createIndex('dataset_version_parents_parent').on('dataset_version_parents').column('parent_id').execute();

  await db.schema
    .createTable('dataset_items')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dataset_version_items')
    .addColumn('version_id', 'text', (c) => c.notNull().references('dataset_versions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('item_hash', 'text', (c) => c.notNull())
    .addColumn('split', 'text')
    .addPrimaryKeyConstraint('dataset_version_items_pk', ['version_id', 'position'])
    .addUniqueConstraint('dataset_version_items_item', ['version_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('dataset_quality_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('dataset_versions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('dataset_quality_reports_version').on('dataset_quality_reports').columns(['version_id', 'created_at']).execute();
}
