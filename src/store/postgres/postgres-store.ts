// The scale-out engine: PostgreSQL through pg's pool. An optional schema isolates a deployment
// (or a test run) inside one database.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema/index.js';
import { type TableColumns, groupColumns } from '../table-columns.js';
import type { Db, Store, Tx } from '../store.js';

// bigint columns hold epoch milliseconds and sequence numbers, all well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface PostgresStoreConfig {
  connectionString: string;
  /** Schema to create (if missing) and use as search_path. */
  schema?: string;
  maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class PostgresStore implements Store {
  readonly engine = 'postgres' as const;
  readonly db: Kysely<Database>;
  readonly #pool: pg.Pool;
  readonly #schema: string | undefined;

  constructor(config: PostgresStoreConfig) {
    if (config.schema !== undefined && !SCHEMA_NAME.test(config.schema)) {
      throw new Error(`invalid PostgreSQL schema name: ${config.schema}`);
    }
    this.#schema = config.schema;
    this.#pool = new pg.Pool({
      connectionString: config.connectionString,
      max: config.maxConnections ?? 10,
      connectionTimeoutMillis: 5_000,
      options: config.schema ? `-c search_path=${config.schema}` : undefined,
    });
    this.#pool.on('error', () => {
      // An idle client died (server restart); the pool replaces it and /readyz reports the state.
    });
    this.db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: this.#pool }) });
  }

  /** Creates the configured schema if it does not exist. */
  async prepare(): Promise<void> {
    if (this.#schema) await sql`create schema if not exists ${sql.id(this.#schema)}`.execute(this.db);
  }

  /** Drops the configured schema and everything in it (tests). */
  async dropSchema(): Promise<void> {
    if (this.#schema) await sql`drop schema if exists ${sql.id(this.#schema)} cascade`.execute(this.db);
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async tableColumns(db: Db | Tx): Promise<TableColumns[]> {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
    return groupColumns(rows.rows);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
