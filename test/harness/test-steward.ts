// Starts a real Steward server on a free port over a test engine, and a small HTTP client for it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { type StewardHandle, startSteward } from '../../src/server/index.js';
import { type TestEngine, dropPostgresSchema, uniqueSchemaName } from './engines.js';

export interface TestSteward {
  url: string;
  adminKey: string;
  handle: StewardHandle;
  dataDir: string;
  /** The PostgreSQL schema, so a second replica can share it. */
  schema: string | undefined;
  /** Calls the server as a client would. */
  api(method: string, path: string, options?: { key?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // Tests inspect bodies of many shapes; each test narrows what it reads.
  body: Record<string, unknown> & { data?: unknown[] };
  text: string;
}

export interface TestStewardOptions {
  /** Extra settings by dotted path, e.g. `{ 'security.authCacheTtlMs': 0 }`. */
  overrides?: Record<string, unknown>;
  /** Share another server's data dir / schema (a second replica). */
  dataDir?: string;
  schema?: string;
  redisUrl?: string;
  redisPrefix?: string;
  env?: NodeJS.ProcessEnv;
  /** The server's clock for time-dependent checks (key expiry); a test moves it instead of sleeping. */
  now?: () => number;
  /** The server's log (default none), e.g. `{ level: 'debug', stream }` to read its lines. */
  logger?: { level: string; stream: { write(line: string): void } };
}

/**
 * An `openai` provider nothing listens behind: for tests that register versions and routes naming
 * `openai/…` (references are checked when written) but never call it.
 */
export const UNREACHABLE_OPENAI = { name: 'openai', family: 'openai', baseUrl: 'http://127.0.0.1:9/v1' } as const;

export async function startTestSteward(engine: TestEngine, options: TestStewardOptions = {}): Promise<TestSteward> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'steward-test-'));
  const ownsSchema = engine.databaseUrl !== undefined && options.schema === undefined;
  const schema = engine.databaseUrl ? (options.schema ?? uniqueSchemaName()) : undefined;
  const adminKey = `sk-stw-test-admin-${randomBytes(12).toString('hex')}`;
  const config = loadConfig({
    env: options.env ?? {},
    overrides: {
      'server.port': 0,
      'server.logLevel': 'silent',
      // A contract that forgot a field the domain returns fails the test instead of dropping it.
      'server.strictResponses': true,
      dataDir,
      'security.adminKey': adminKey,
      ...(engine.databaseUrl ? { 'store.databaseUrl': engine.databaseUrl } : {}),
      ...(options.redisUrl ? { 'store.redisUrl': options.redisUrl } : {}),
      ...options.overrides,
    },
  });
  const handle = await startSteward(config, { postgresSchema: schema, redisPrefix: options.redisPrefix, logger: options.logger ?? false, now: options.now });
  const url = handle.url;
  return {
    url,
    adminKey,
    handle,
    dataDir,
    schema,
    async api(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const key = opts.key === undefined ? adminKey : opts.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      let parsed: ApiResponse['body'] = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = {};
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    async close() {
      await handle.close();
      if (ownsSchema && engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
