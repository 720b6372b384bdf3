// The guard verdict a rollout's last tick reached (test, per-metric intervals, why it held or broke),
// so the API shows what the controller saw.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rollouts').addColumn('verdict_json', 'text').execute();
}
