// Gates fail on errors by default: each named gate keeps the share of errored items it tolerates
// (`maxErrorRate`, 0 unless the gate says otherwise). Run statuses need no change of schema:
// `completed_with_errors` is one more value of the unconstrained `eval_runs.status` text.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('eval_gates').addColumn('max_error_rate', 'double precision', (c) => c.notNull().defaultTo(0)).execute();
}
