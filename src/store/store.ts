// The store every part writes through: one Kysely schema over an engine chosen at start.
// Domain code sees only this interface and the `Database` table types, never an engine.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema/index.js';

export const STORE_ENGINES = ['sqlite', 'postgres'] as const;
export type StoreEngine = (typeof STORE_ENGINES)[number];

/** A query handle: the store itself or an open transaction. */
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface Store {
  readonly engine: StoreEngine;
  readonly db: Db;
  /** Runs `work` in one transaction: everything or nothing. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Resolves when the engine answers a query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
