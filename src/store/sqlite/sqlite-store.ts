// The embedded engine: better-sqlite3 in WAL mode, one file in the data dir.
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../schema/index.js';
import { type TableColumns, groupColumns } from '../table-columns.js';
import type { Db, Store, Tx } from '../store.js';

export interface SqliteStoreConfig {
  /** File path, or ':memory:'. */
  filename: string;
}

export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  readonly db: Kysely<Database>;
  readonly #sqlite: Sqlite.Database;

  constructor(config: SqliteStoreConfig) {
    this.#sqlite = new Sqlite(config.filename);
    this.#sqlite.pragma('journal_mode = WAL');
    this.#sqlite.pragma('synchronous = NORMAL');
    this.#sqlite.pragma('foreign_keys = ON');
    this.#sqlite.pragma('busy_timeout = 5000');
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: this.#sqlite }) });
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async tableColumns(db: Db | Tx): Promise<TableColumns[]> {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p
      where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, p.cid`.execute(db);
    return groupColumns(rows.rows);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
