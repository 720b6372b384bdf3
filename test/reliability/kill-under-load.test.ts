// kill -9 of the server under load loses no acknowledged trace: every non-streamed 200 and every
// stream that ended with [DONE] carried a trace id, and after a restart on the same data dir (and
// PostgreSQL schema) each of those traces is stored. The server runs in a child process so SIGKILL
// skips every shutdown hook, as a crash would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { type StewardChild, startStewardChild } from '../harness/steward-child.js';
import { type StandIn, startOpenAiStandIn } from '../stand-ins/index.js';

const KILL_AFTER = 150;
const WORKERS = 12;

for (const engine of ENGINES) {
  describe(`kill -9 under load (${engine.name})`, () => {
    let upstream: StandIn;
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-kill-'));
    const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
    const adminKey = `sk-stw-test-admin-${randomBytes(12).toString('hex')}`;
    let overrides: Record<string, unknown>;
    let child: StewardChild | undefined;
    beforeAll(async () => {
      upstream = await startOpenAiStandIn();
      overrides = {
        dataDir,
        'security.adminKey': adminKey,
        ...(engine.databaseUrl ? { 'store.databaseUrl': engine.databaseUrl } : {}),
        providers: [{ name: 'up', family: 'openai', baseUrl: upstream.url }],
        // A long flush interval: at the kill, most acknowledged traces exist only in the journal.
        gateway: { traces: { flushMs: 5_000 } },
      };
    });
    afterAll(async () => {
      await child?.kill();
      await upstream?.close();
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('stores after a restart every trace whose response was acknowledged', async () => {
      child = await startStewardChild({ overrides, schema });
      const url = child.url;
      const acknowledged: string[] = [];
      let killed = false;
      const call = async (stream: boolean): Promise<void> => {
        const response = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'up/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream }),
        });
        const text = await response.text();
        const id = response.headers.get('x-steward-trace-id');
        if (response.status === 200 && id && (!stream || text.trimEnd().endsWith('data: [DONE]'))) acknowledged.push(id);
      };
      const worker = async (n: number) => {
        for (let i = 0; !killed; i++) await call((n + i) % 2 === 0).catch(() => undefined);
      };
      const workers = Array.from({ length: WORKERS }, (_, n) => worker(n));
      while (acknowledged.length < KILL_AFTER) await new Promise((resolve) => setImmediate(resolve));
      await child.kill();
      killed = true;
      await Promise.all(workers);
      const seen = [...acknowledged];
      expect(seen.length).toBeGreaterThanOrEqual(KILL_AFTER);

      child = await startStewardChild({ overrides, schema });
      const missing: string[] = [];
      for (const id of seen) {
        const trace = await fetch(`${child.url}/api/traces/${id}`, { headers: { authorization: `Bearer ${adminKey}` } });
        if (trace.status !== 200) missing.push(id);
      }
      expect(missing).toEqual([]);
      const streamed = await fetch(`${child.url}/api/traces?stream=true&limit=1`, { headers: { authorization: `Bearer ${adminKey}` } });
      expect(streamed.status).toBe(200);
      await child.stop();
      child = undefined;
    });
  });
}
