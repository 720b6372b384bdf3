// Applies pending migrations in one transaction, recorded in `steward_migrations`. On PostgreSQL an
// advisory lock keyed on the current schema serialises replicas starting together. (Kysely's own
// migrator finds its tables by introspecting every schema of the database, which breaks when
// another deployment or test run in the same database drops its schema at that moment.)
import { type Kysely, sql } from 'kysely';
import type { Store, Tx } from '../store.js';
import { MIGRATIONS } from './index.js';

/** Runs every migration not yet applied, in name order; returns the names it applied. */
export async function runMigrations(store: Store): Promise<string[]> {
  return store.transaction(async (tx) => {
    if (store.engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(current_schema()))`.execute(tx);
    await sql`create table if not exists steward_migrations (name text primary key, applied_at bigint not null)`.execute(tx);
    const done = new Set((await sql<{ name: string }>`select name from steward_migrations`.execute(tx)).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const [name, module] of [...MIGRATIONS].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (done.has(name)) continue;
      // Migrations build the schema, so they see no typed tables.
      await module.up(tx as unknown as Kysely<unknown>, { engine: store.engine });
      await record(tx, name);
      applied.push(name);
    }
    return applied;
  });
}

async function record(tx: Tx, name: string): Promise<void> {
  await sql`insert into steward_migrations (name, applied_at) values (${name}, ${Date.now()})`.execute(tx);
}
