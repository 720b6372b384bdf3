// A spent budget stays spent across a restart with in-memory counters: the counters are written
// behind with the trace batches and loaded at start, on both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINES, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { startGatewayFixture } from '../gateway/gateway-fixture.js';

const PER_MTOK = (0.8 / 29) * 1_000_000;
const NOW = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 + 12 * 3_600_000 + 30_000;
const messages = [{ role: 'user' as const, content: 'Hello' }];

for (const engine of ENGINES) {
  describe(`durable counters (${engine.name})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-durable-'));
    const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
    afterAll(async () => {
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps spend and tokens of the current windows when the server restarts', async () => {
      const first = await startGatewayFixture(engine, { dataDir, schema, now: () => NOW });
      await first.steward.api('PUT', '/api/prices', { body: { provider: 'backup', model: 'priced', inputPerMTok: PER_MTOK, outputPerMTok: PER_MTOK } });
      const key = await first.steward.api('POST', '/api/keys', { body: { name: 'durable', role: 'service' } });
      const keyId = (key.body.record as { id: string }).id;
      const secret = String(key.body.key);
      await first.steward.api('PUT', `/api/limits/keys/${keyId}`, { body: { budgetUsd: 2.5, budgetPeriod: 'day', tokensPerMinute: 10_000 } });
      for (let i = 0; i < 2; i++) {
        expect((await first.steward.api('POST', '/v1/chat/completions', { key: secret, body: { model: 'backup/priced', messages, max_tokens: 10 } })).status).toBe(200);
      }
      const before = (await first.steward.api('GET', `/api/limits/keys/${keyId}`)).body.usage as { spendUsd: { used: number }; tokens: { used: number } };
      expect(before.spendUsd.used).toBeCloseTo(1.6, 6);
      await first.close();

      const second = await startGatewayFixture(engine, { dataDir, schema, now: () => NOW });
      try {
        const after = (await second.steward.api('GET', `/api/limits/keys/${keyId}`)).body.usage as { spendUsd: { used: number }; tokens: { used: number } };
        expect(after.spendUsd.used).toBeCloseTo(1.6, 6);
        expect(after.tokens.used).toBe(58);
        // $0.90 left is less than one call's worst case ($1.24): refused, as it was before the restart.
        const refused = await second.steward.api('POST', '/v1/chat/completions', { key: secret, body: { model: 'backup/priced', messages, max_tokens: 10 } });
        expect(refused.status).toBe(429);
        expect((refused.body.error as { code: string }).code).toBe('budget_exceeded');
      } finally {
        await second.close();
      }
    });
  });
}
