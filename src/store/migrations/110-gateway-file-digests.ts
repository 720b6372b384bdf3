// Files of the Batch API live in the artifact store, named by the sha256 of their bytes, so any
// replica serves a file another one received or wrote; rows from before keep a null digest (their
// bytes are still in the data dir of the replica that took them).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table gateway_files add column sha256 text`.execute(db);
}
