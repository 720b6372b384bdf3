// Evaluations: runs, per-item results (the resume point and the output cache), gates and gate results.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('eval_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
    .addColumn('dataset_version_id', 'text', (c) => c.notNull().references('dataset_versions.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('model_name', 'text')
    .addColumn('model_version', 'text')
    .addColumn('prompt_json', 'text')
    .addColumn('metrics_json', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_items', 'integer', (c) => c.notNull())
    .addColumn('completed_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary_json', 'text')
    .addColumn('error', 'text')
    .addColumn('rescored_from', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('eval_runs_dataset').on('eval_runs').columns(['dataset_id', 'created_at']).execute();
  await db.schema.createIndex('eval_runs_model').on('eval_runs').columns(['model_name', 'model_version']).execute();
  await db.schema.createIndex('eval_runs_status').on('eval_runs').column('status').execute();

  await db.schema
    .createTable('eval_results')
    .addColumn('run_id', 'text', (c) => c.notNull().references('eval_runs.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('output', 'text')
    .addColumn('latency_ms', 'double precision')
    .addColumn('usage_json', 'text')
    .addColumn('cost_usd', 'double precision')
    .addColumn('call_error', 'text')
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('eval_results_pk', ['run_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('eval_gates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dataset_name', 'text')
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('eval_gates_project_name', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('eval_gate_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('eval_runs.id'))
    .addColumn('gate_name', 'text', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('results_json', 'text', (c) => c.notNull())
    .addColumn('baseline_run_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('eval_gate_results_run').on('eval_gate_results').column('run_id').execute();
}
