// Deployments: A-B experiments and canary rollouts on routes, and the events rollouts raise.
// `active_route` is the route while the record is live and null after: its unique constraint is
// what refuses a second live experiment or rollout on one route, on both engines.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('route_experiments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('active_route', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('arms_json', 'text', (c) => c.notNull())
    .addColumn('sticky', 'text', (c) => c.notNull())
    .addColumn('baseline_revision', 'integer')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('stopped_at', 'bigint')
    .addColumn('winner', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('route_experiments_route').on('route_experiments').column('route').execute();

  await db.schema
    .createTable('rollouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('active_route', 'text', (c) => c.unique())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('steps_json', 'text', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull())
    .addColumn('step_started_at', 'bigint', (c) => c.notNull())
    .addColumn('min_step_ms', 'bigint', (c) => c.notNull())
    .addColumn('min_requests', 'integer', (c) => c.notNull())
    .addColumn('guards_json', 'text', (c) => c.notNull())
    .addColumn('baseline_json', 'text', (c) => c.notNull())
    .addColumn('baseline_revision', 'integer', (c) => c.notNull())
    .addColumn('last_revision', 'integer')
    .addColumn('reason', 'text')
    // Bumped by every change: a replica advances the rollout only if its compare-and-set wins.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    // A replica working on the rollout holds it until then; others leave it alone.
    .addColumn('lease_until', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rollouts_status').on('rollouts').column('status').execute();

  await db.schema
    .createTable('rollout_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rollout_id', 'text', (c) => c.notNull().references('rollouts.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .execute();
  await db.schema.createIndex('rollout_events_rollout').on('rollout_events').columns(['rollout_id', 'at']).execute();
}
