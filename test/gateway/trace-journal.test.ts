// Traces are never lost when the store fails: the writer spills batches to a journal in the data
// dir and replays them when the store answers again, also after a restart.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_DIR } from '../../src/monitoring/traces/trace-journal.js';
import { TraceWriter, toTraceRow as rowOf } from '../../src/monitoring/traces/trace-writer.js';
import type { TraceRecord } from '../../src/monitoring/traces/trace-record.js';
import { newId } from '../../src/store/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestStore, openTestStore } from '../harness/test-store.js';

function record(i: number): TraceRecord {
  return {
    id: newId('trace'),
    projectId: null,
    createdAt: Date.now(),
    endpoint: 'chat',
    requestedModel: 'builtin/steward-mini',
    route: null,
    routeRevision: null,
    provider: 'builtin',
    model: 'steward-mini',
    versionId: null,
    promptVersionId: null,
    status: 'ok',
    httpStatus: 200,
    errorCode: null,
    errorMessage: null,
    stream: false,
    cacheHit: false,
    keyId: null,
    userPseudonym: null,
    batchId: null,
    tokensIn: i,
    tokensOut: 1,
    costUsd: 0,
    ttftMs: null,
    latencyMs: 5,
    overheadMs: null,
    attempts: [],
    request: { i },
    response: null,
  };
}

for (const engine of ENGINES) {
  describe(`trace journal on ${engine.name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(engine);
    });
    afterAll(async () => {
      await t?.close();
    });

    // The traces table out of reach stands for a store that refuses writes.
    const takeStoreDown = () => sql`alter table traces rename to traces_unreachable`.execute(t.store.db);
    const bringStoreBack = () => sql`alter table traces_unreachable rename to traces`.execute(t.store.db);
    const journalDir = () => join(t.dataDir, JOURNAL_DIR);
    const storedIds = async () => (await t.store.db.selectFrom('traces').select('id').execute()).map((r) => r.id).sort();

    it('journals every record before it returns, keeps it while the store fails and stores it once it answers', async () => {
      const failures: unknown[] = [];
      const writer = new TraceWriter({ store: t.store, dataDir: t.dataDir, flushMs: 60_000, onError: (e) => failures.push(e) });
      const first = [record(1), record(2), record(3)];
      await takeStoreDown();
      for (const r of first) writer.write(r);
      // On disk at once, before any flush: a process killed now loses nothing it acknowledged.
      const onDisk = () =>
        readdirSync(journalDir())
          .filter((name) => name.startsWith('seg-'))
          .flatMap((name) => readFileSync(join(journalDir(), name), 'utf8').trim().split('\n'))
          .filter((line) => line !== '')
          .map((line) => (JSON.parse(line) as { row: { id: string } }).row.id);
      expect(onDisk().sort()).toEqual(first.map((r) => r.id).sort());
      await writer.flush();
      expect(failures.length).toBeGreaterThan(0);
      expect(writer.stats.writeFailures).toBe(failures.length);
      expect(writer.written).toBe(0);
      expect(onDisk()).toHaveLength(3);

      await bringStoreBack();
      const next = record(4);
      writer.write(next);
      await writer.close();
      expect(await storedIds()).toEqual([...first, next].map((r) => r.id).sort());
      expect(onDisk()).toHaveLength(0);
    });

    it('stores a journal line once only, however often it is replayed', async () => {
      const before = await storedIds();
      const r = record(7);
      // A segment left by a process killed after its rows were committed but before it deleted it.
      writeFileSync(join(journalDir(), 'seg-0000000000000001-1.jsonl'), `${JSON.stringify({ v: 1, row: rowOf(r) })}\n`);
      writeFileSync(join(journalDir(), 'seg-0000000000000002-1.jsonl'), `${JSON.stringify({ v: 1, row: rowOf(r) })}\n`);
      const writer = new TraceWriter({ store: t.store, dataDir: t.dataDir });
      await writer.flush();
      await writer.close();
      expect(await storedIds()).toEqual([...before, r.id].sort());
    });

    it('over its size cap keeps the metering fields of new records and drops their bodies', async () => {
      const warnings: string[] = [];
      await takeStoreDown();
      const writer = new TraceWriter({ store: t.store, dataDir: t.dataDir, flushMs: 60_000, maxJournalBytes: 1, onError: () => {}, onWarn: (m) => warnings.push(m) });
      const first = record(8);
      const capped = record(9);
      writer.write(first);
      writer.write(capped);
      expect(writer.stats.bodiesDropped).toBe(1);
      expect(warnings.some((w) => w.includes('over its cap'))).toBe(true);
      await bringStoreBack();
      await writer.close();
      const rows = await t.store.db.selectFrom('traces').selectAll().where('id', 'in', [first.id, capped.id]).execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(JSON.parse(String(byId.get(first.id)?.request_json))).toEqual({ i: 8 });
      expect(JSON.parse(String(byId.get(capped.id)?.request_json))).toEqual({ omitted: 'the trace journal was over its size cap' });
      expect(Number(byId.get(capped.id)?.tokens_in)).toBe(9);
    });

    it('keeps what shutdown could not store in the journal, and the next process replays it', async () => {
      const before = await storedIds();
      await takeStoreDown();
      const stopping = new TraceWriter({ store: t.store, dataDir: t.dataDir, onError: () => {} });
      const lost = [record(5), record(6)];
      for (const r of lost) stopping.write(r);
      await stopping.close();
      await bringStoreBack();
      expect(await storedIds()).toEqual(before);

      const restarted = new TraceWriter({ store: t.store, dataDir: t.dataDir });
      await restarted.flush();
      expect(await storedIds()).toEqual([...before, ...lost.map((r) => r.id)].sort());
      await restarted.close();
    });
  });
}
