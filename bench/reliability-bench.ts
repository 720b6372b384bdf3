// Benchmark of the lossless trace path: the CPU cost of journalling a trace on the hot path (one
// synchronous append per record, measured side by side with the in-memory buffer it replaced and
// per fsync policy), and sustained ingest from the journal into SQLite and PostgreSQL (set
// STEWARD_BENCH_DATABASE_URL or STEWARD_TEST_DATABASE_URL), counting the rows to prove none is lost.
// Run alone with `npx tsx bench/reliability-bench.ts`; prints JSON.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { TraceRecord } from '../src/monitoring/traces/trace-record.js';
import { type FsyncPolicy, TraceJournal } from '../src/monitoring/traces/trace-journal.js';
import { TraceWriter, toTraceRow } from '../src/monitoring/traces/trace-writer.js';
import { newId } from '../src/store/index.js';
import { openStore } from '../src/store/open-store.js';

function record(i: number): TraceRecord {
  return {
    id: newId('trace'),
    projectId: 'proj_bench',
    createdAt: Date.now(),
    endpoint: 'chat',
    requestedModel: 'support-bot',
    route: 'support-bot',
    routeRevision: 3,
    provider: 'openai',
    model: 'gpt-4o-mini',
    versionId: null,
    promptVersionId: null,
    status: 'ok',
    httpStatus: 200,
    errorCode: null,
    errorMessage: null,
    stream: i % 2 === 0,
    cacheHit: false,
    keyId: 'key_bench',
    userPseudonym: null,
    batchId: null,
    tokensIn: 120,
    tokensOut: 48,
    costUsd: 0.000_05,
    ttftMs: 180.5,
    latencyMs: 420.25,
    overheadMs: 0.31,
    attempts: [{ provider: 'openai', model: 'gpt-4o-mini', status: 200, latencyMs: 419, error: null, outcome: 'ok' }],
    request: { messages: [{ role: 'user', content: `Where is my order ${i}? It was due last week and the tracking page shows nothing.` }] },
    response: { choices: [{ message: { role: 'assistant', content: 'I am sorry to hear that. Let me look up the order for you; could you share the order number?' } }] },
  };
}

/** CPU µs per record of `work` over `n` records (user + system time of this process). */
function cpuMicrosPerRecord(n: number, work: (r: TraceRecord) => void): number {
  const records = Array.from({ length: n }, (_, i) => record(i));
  const start = process.cpuUsage();
  for (const r of records) work(r);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

function hotPath(): Record<string, unknown> {
  const n = Number(process.env.RELIABILITY_BENCH_RECORDS ?? 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'steward-bench-journal-'));
  try {
    // Before: the record became a row and was pushed on an in-memory buffer.
    const buffer: unknown[] = [];
    cpuMicrosPerRecord(2_000, (r) => buffer.push(toTraceRow(r))); // warm-up: JIT and allocation
    buffer.length = 0;
    const bufferOnly = cpuMicrosPerRecord(n, (r) => buffer.push(toTraceRow(r)));
    const perPolicy: Record<string, number> = {};
    for (const policy of ['off', 'interval', 'always'] as FsyncPolicy[]) {
      const journal = new TraceJournal({ dataDir: join(dir, policy), fsync: policy });
      // fsync per record is slow by design: fewer records keep the run short.
      const count = policy === 'always' ? Math.min(n, 2_000) : n;
      perPolicy[policy] = cpuMicrosPerRecord(count, (r) => journal.append(toTraceRow(r)));
      journal.close();
    }
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      records: n,
      cpuMicrosPerRecord: { bufferOnly: round(bufferOnly), journal: Object.fromEntries(Object.entries(perPolicy).map(([k, v]) => [k, round(v)])) },
      journalOverheadMicros: { interval: round(perPolicy.interval - bufferOnly), off: round(perPolicy.off - bufferOnly), always: round(perPolicy.always - bufferOnly) },
      note: 'CPU time of this process per trace record; fsync=always also waits for the disk, which shows in wall time more than in CPU',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ingest(engine: 'sqlite' | 'postgres', databaseUrl: string | undefined): Promise<Record<string, unknown>> {
  const n = Number(process.env.RELIABILITY_BENCH_INGEST ?? 50_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-ingest-'));
  const schema = databaseUrl ? `stw_bench_${randomBytes(4).toString('hex')}` : undefined;
  const store = await openStore({ databaseUrl, dataDir, postgresSchema: schema });
  try {
    const writer = new TraceWriter({ store, dataDir, batchSize: 500, flushMs: 50 });
    const started = performance.now();
    for (let i = 0; i < n; i++) writer.write(record(i));
    const journalled = performance.now();
    await writer.close();
    const seconds = (performance.now() - started) / 1000;
    const stored = Number((await store.db.selectFrom('traces').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { engine, spans: n, stored, lost: n - stored, seconds: Math.round(seconds * 100) / 100, spansPerSecond: Math.round(n / seconds), journalMs: Math.round(journalled - started) };
  } finally {
    await store.close();
    if (databaseUrl && schema) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runReliabilityBench(): Promise<Record<string, unknown>> {
  const pgUrl = process.env.STEWARD_BENCH_DATABASE_URL ?? process.env.STEWARD_TEST_DATABASE_URL;
  return {
    hotPath: hotPath(),
    ingest: [await ingest('sqlite', undefined), ...(pgUrl ? [await ingest('postgres', pgUrl)] : [])],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await runReliabilityBench(), null, 2)}\n`);
}
