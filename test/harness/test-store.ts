// Opens a real store on a test engine (temporary SQLite file or a fresh PostgreSQL schema).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/open-store.js';
import { type TestEngine, dropPostgresSchema, uniqueSchemaName } from './engines.js';

export interface TestStore {
  store: Store;
  dataDir: string;
  /** The PostgreSQL schema of this run (undefined on SQLite). */
  schema: string | undefined;
  close(): Promise<void>;
}

export async function openTestStore(engine: TestEngine): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-store-'));
  const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
  const store = await openStore({ databaseUrl: engine.databaseUrl, dataDir, postgresSchema: schema });
  return {
    store,
    dataDir,
    schema,
    async close() {
      await store.close();
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
