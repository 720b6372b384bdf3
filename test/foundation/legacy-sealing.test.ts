// Rows written before headers and channel URLs were sealed hold them in the clear. The next start
// seals them: the rows keep only the mask, the values move into sealed secrets, and they still work.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { startOpenAiStandIn } from '../stand-ins/index.js';

describe.each(ENGINES)('sealing rows from before on $name', (engine) => {
  it('seals clear provider headers and channel URLs at start, and they keep working', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-legacy-'));
    const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
    const upstream = await startOpenAiStandIn();
    const header = `legacy-header-${randomBytes(8).toString('hex')}`;
    const hookUrl = `http://127.0.0.1:9/hook?token=legacy-${randomBytes(8).toString('hex')}`;
    let second: TestSteward | undefined;
    try {
      const first = await startTestSteward(engine, { dataDir, schema });
      expect((await first.api('POST', '/api/providers', { body: { name: 'old', family: 'openai', baseUrl: upstream.url, headers: { 'x-org-token': header } } })).status).toBe(201);
      expect((await first.api('POST', '/api/alerts/channels', { body: { name: 'old-hook', kind: 'webhook', url: hookUrl } })).status).toBe(201);
      // What an earlier version left: the values in the rows, no sealed copies.
      const db = first.handle.services.store.db;
      const row = await db.selectFrom('gateway_providers').select('config_json').where('name', '=', 'old').executeTakeFirstOrThrow();
      const config = JSON.parse(row.config_json) as { headers: Record<string, string> };
      await db.updateTable('gateway_providers').set({ config_json: JSON.stringify({ ...config, headers: { 'x-org-token': header } }) }).where('name', '=', 'old').execute();
      await db.updateTable('alert_channels').set({ url: hookUrl }).where('name', '=', 'old-hook').execute();
      await db.deleteFrom('secrets').where('name', 'in', ['provider.old.headers', 'alert-channel:old-hook:url']).execute();
      await first.close();

      second = await startTestSteward(engine, { dataDir, schema });
      const store = second.handle.services.store.db;
      const provider = await store.selectFrom('gateway_providers').select('config_json').where('name', '=', 'old').executeTakeFirstOrThrow();
      expect(JSON.parse(provider.config_json)).toMatchObject({ headers: { 'x-org-token': '********' } });
      const channel = await store.selectFrom('alert_channels').select('url').where('name', '=', 'old-hook').executeTakeFirstOrThrow();
      expect(channel.url).toBe('http://127.0.0.1:9/********');
      const sealed = await store.selectFrom('secrets').select(['name', 'ciphertext']).where('name', 'in', ['provider.old.headers', 'alert-channel:old-hook:url']).execute();
      expect(sealed.map((s) => s.name).sort()).toEqual(['alert-channel:old-hook:url', 'provider.old.headers']);
      expect(JSON.stringify(sealed)).not.toContain(header);

      const call = await second.api('POST', '/v1/chat/completions', { body: { model: 'old/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } });
      expect(call.status).toBe(200);
      expect(upstream.requests.at(-1)?.headers['x-org-token']).toBe(header);
      expect(await second.handle.services.secrets.reveal(second.handle.services.defaultProject.id, 'alert-channel:old-hook:url')).toBe(hookUrl);
    } finally {
      await second?.close();
      await upstream.close();
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
