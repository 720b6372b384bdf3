// Opens a real store on a test engine (temporary SQLite file or a fresh PostgreSQL schema).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/store/index.js';
import { installAuditKey } from '../../src/governance/index.js';
import { openStore } from '../../src/store/open-store.js';
import { type TestEngine, dropPostgresSchema, uniqueSchemaName } from './engines.js';

export interface TestStore {
  store: Store;
  /** The master key the store's audit chain is keyed from. */
  masterKey: Buffer;
  dataDir: string;
  /** The PostgreSQL schema of this run (undefined on SQLite). */
  schema: string | undefined;
  close(): Promise<void>;
}

export async function openTestStore(engine: TestEngine): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-store-'));
  const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
  const store = await openStore({ databaseUrl: engine.databaseUrl, dataDir, postgresSchema: schema });
  // Audit appends are authenticated: a bare store gets a master key of its own, as a server would.
  const masterKey = randomBytes(32);
  installAuditKey(store.db, masterKey);
  return {
    store,
    masterKey,
    dataDir,
    schema,
    async close() {
      await store.close();
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
