// Traces are never lost when the store fails: the writer spills batches to a journal in the data
// dir and replays them when the store answers again, also after a restart.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACE_JOURNAL_FILE, TraceWriter } from '../../src/monitoring/traces/trace-writer.js';
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
    const storedIds = async () => (await t.store.db.selectFrom('traces').select('id').execute()).map((r) => r.id).sort();

    it('spills to the journal while the store fails and replays once it answers', async () => {
      const errors: unknown[] = [];
      const writer = new TraceWriter({ store: t.store, dataDir: t.dataDir, flushMs: 10_000, onError: (e) => errors.push(e) });
      const first = [record(1), record(2), record(3)];
      await takeStoreDown();
      for (const r of first) writer.write(r);
      await writer.flush();
      expect(errors.length).toBeGreaterThan(0);
      expect(writer.written).toBe(0);
      const journal = join(t.dataDir, TRACE_JOURNAL_FILE);
      expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(3);

      await bringStoreBack();
      const next = record(4);
      writer.write(next);
      await writer.close();
      expect(await storedIds()).toEqual([...first, next].map((r) => r.id).sort());
      expect(existsSync(journal)).toBe(false);
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
