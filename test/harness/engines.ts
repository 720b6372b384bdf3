// The store engines tests run over: SQLite always, PostgreSQL when STEWARD_TEST_DATABASE_URL is set
// (CI sets it). Each run gets its own PostgreSQL schema and drops it afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  databaseUrl: string | undefined;
}

const pgUrl = process.env.STEWARD_TEST_DATABASE_URL;

export const ENGINES: readonly TestEngine[] = [
  { name: 'sqlite', databaseUrl: undefined },
  ...(pgUrl ? [{ name: 'postgres' as const, databaseUrl: pgUrl }] : []),
];

export const TEST_REDIS_URL = process.env.STEWARD_TEST_REDIS_URL;

/** A schema name no other run uses. */
export function uniqueSchemaName(): string {
  return `stw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropPostgresSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
