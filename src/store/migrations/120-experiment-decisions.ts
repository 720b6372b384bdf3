// Experiments choose their test (`fixed` or `sequential`), a primary metric for the verdict, and
// optionally a bandit allocation; each allocation decision is one row of the experiment's history.
// `decision_seq` is bumped by the replica that takes a decision (compare-and-set), so one replica decides.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Experiments from before keep the fixed-horizon test they were read with.
  await db.schema.alterTable('route_experiments').addColumn('test', 'text', (c) => c.notNull().defaultTo('fixed')).execute();
  await db.schema.alterTable('route_experiments').addColumn('primary_metric', 'text', (c) => c.notNull().defaultTo('feedback')).execute();
  await db.schema.alterTable('route_experiments').addColumn('allocation_json', 'text').execute();
  await db.schema.alterTable('route_experiments').addColumn('decision_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('route_experiments').addColumn('next_decision_at', 'bigint').execute();
  await db.schema
    .createTable('experiment_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('experiment_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('shares_json', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('winner', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addUniqueConstraint('experiment_decisions_seq', ['experiment_id', 'seq'])
    .execute();
  await db.schema.createIndex('experiment_decisions_project').on('experiment_decisions').columns(['project_id', 'experiment_id']).execute();
}
