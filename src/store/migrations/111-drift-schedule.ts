// Drift monitors that run on their own: the last schedule period a replica claimed for a monitor,
// so that however many replicas tick, each period runs once.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table drift_monitors add column scheduled_period bigint`.execute(db);
}
