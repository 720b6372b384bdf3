// Pipeline runs cut by a restart are found and retried: the replica executing a run, its last
// heartbeat, and the interrupted run a retry stands for.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table pipeline_runs add column owner text`.execute(db);
  await sql`alter table pipeline_runs add column heartbeat_at bigint`.execute(db);
  await sql`alter table pipeline_runs add column retry_of text`.execute(db);
}
