// Opens the engine the configuration names and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StewardError } from '../errors/index.js';
import { secureDataDir } from './data-dir-modes.js';
import { runMigrations } from './migrations/run-migrations.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** postgres://… for PostgreSQL; undefined for SQLite. */
  databaseUrl?: string;
  /** Where the SQLite file lives. */
  dataDir: string;
  /** SQLite file name inside dataDir, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema (isolates a deployment or a test run). */
  postgresSchema?: string;
}

/** Opens the store and runs every pending migration; throws STORE_UNAVAILABLE when it cannot. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  let store: Store;
  if (options.sqliteFile !== ':memory:') secureDataDir(options.dataDir);
  if (options.databaseUrl) {
    // Each engine is loaded only when chosen: SQLite installations never pay for pg, nor PostgreSQL ones for better-sqlite3.
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    const pgStore = new PostgresStore({ connectionString: options.databaseUrl, schema: options.postgresSchema });
    try {
      await pgStore.prepare();
    } catch (cause) {
      await pgStore.close();
      throw new StewardError({ code: 'STORE_UNAVAILABLE', message: `cannot reach PostgreSQL: ${describe(cause)}`, cause });
    }
    store = pgStore;
  } else {
    const file = options.sqliteFile ?? 'steward.db';
    if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
    const { SqliteStore } = await import('./sqlite/sqlite-store.js');
    store = new SqliteStore({ filename: file === ':memory:' ? file : join(options.dataDir, file) });
  }
  try {
    await migrate(store);
  } catch (cause) {
    await store.close();
    throw cause;
  }
  return store;
}

/** Brings the schema up to date; STORE_UNAVAILABLE names the migration that failed. */
export async function migrate(store: Store): Promise<void> {
  try {
    await runMigrations(store);
  } catch (error) {
    throw new StewardError({ code: 'STORE_UNAVAILABLE', message: `migrations failed: ${describe(error)}`, cause: error });
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
