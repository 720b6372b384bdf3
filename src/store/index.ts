// The store's face for domain code: table types, the Store interface, ids, JSON columns, the change feed.
// Engines (open-store.ts, sqlite/, postgres/, the Redis feed) are opened by the server and the CLI only.
export type * from './schema/index.js';
export { STORE_ENGINES, type Db, type Store, type StoreEngine, type TableColumns, type Tx } from './store.js';
export { newId } from './ids.js';
export { toJsonColumn, fromJsonColumn } from './json-column.js';
export { isUniqueViolation, isForeignKeyViolation } from './constraint-errors.js';
export { isStoreUnavailable } from './store-unavailable.js';
export type { ChangeEvent, ChangeFeed, ChangeListener } from './change-feed/change-feed.js';
export { MemoryChangeFeed } from './change-feed/memory-change-feed.js';
export type { MigrationContext } from './migrations/migration-context.js';
