// The store every part writes through: one Kysely schema over an engine chosen at start.
// Domain code sees only this interface and the `Database` table types, never an engine.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema/index.js';

export const STORE_ENGINES = ['sqlite', 'postgres'] as const;
export type StoreEngine = (typeof STORE_ENGINES)[number];

/** A table of the store's own schema and its column names. */
export interface TableColumns {
  name: string;
  columns: string[];
}

/** A query handle: the store itself or an open transaction. */
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface Store {
  readonly engine: StoreEngine;
  readonly db: Db;
  /** Runs `work` in one transaction: everything or nothing. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The tables of this store's own schema with their columns, read through `db` (the store or an
   * open transaction). Only its own: a PostgreSQL database may hold other schemas, created and
   * dropped by other deployments meanwhile.
   */
  tableColumns(db: Db | Tx): Promise<TableColumns[]>;
  /** Resolves when the engine answers a query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
