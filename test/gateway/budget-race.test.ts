// Budgets and token limits hold at the edge under concurrency: 100 parallel requests against a budget
// that admits a handful, with in-memory and with Redis counters. Admission reserves each request's
// worst case atomically, so the spend never passes the budget by more than one request — and a
// restart of the server keeps what was spent.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, TEST_REDIS_URL } from '../harness/engines.js';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

// The stand-in answers 19 prompt + 10 completion tokens; at this price each call costs $0.80.
const PER_MTOK = (0.8 / 29) * 1_000_000;
const CALL_USD = 0.8;
const messages = [{ role: 'user' as const, content: 'Hello' }];
// A frozen clock: the minute and day windows cannot roll over in the middle of the test. It is a day
// ahead of the wall clock because Redis expires counters at their window's end by its own clock.
const NOW = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000 + 12 * 3_600_000 + 30_000;

interface Usage {
  spendUsd: { used: number; reserved: number; remaining: number | null };
  tokens: { used: number; reserved: number; remaining: number | null };
}

const modes = [{ name: 'memory', redisUrl: undefined }, ...(TEST_REDIS_URL ? [{ name: 'redis', redisUrl: TEST_REDIS_URL }] : [])];

for (const engine of ENGINES) {
  for (const mode of modes) {
    describe(`budgets under concurrency (${engine.name}, ${mode.name} counters)`, () => {
      let fx: GatewayFixture;
      const redisPrefix = `stw-race-${randomBytes(4).toString('hex')}`;
      beforeAll(async () => {
        fx = await startGatewayFixture(engine, { redisUrl: mode.redisUrl, redisPrefix, now: () => NOW, gateway: { limits: { cachedHits: 'priced' } } });
        expect((await fx.steward.api('PUT', '/api/prices', { body: { provider: 'backup', model: 'priced', inputPerMTok: PER_MTOK, outputPerMTok: PER_MTOK } })).status).toBe(200);
      });
      afterAll(async () => {
        await fx?.close();
        if (mode.redisUrl) {
          const redis = new Redis(mode.redisUrl);
          const keys = await redis.keys(`${redisPrefix}:*`);
          if (keys.length > 0) await redis.del(...keys);
          await redis.quit();
        }
      });

      const keyWith = async (name: string, limits: Record<string, unknown>) => {
        const key = await fx.steward.api('POST', '/api/keys', { body: { name, role: 'service' } });
        const id = (key.body.record as { id: string }).id;
        expect((await fx.steward.api('PUT', `/api/limits/keys/${id}`, { body: limits })).status).toBe(200);
        return { id, secret: String(key.body.key) };
      };
      const burst = (secret: string, n: number, body: Record<string, unknown> = {}) =>
        Promise.all(Array.from({ length: n }, () => fx.steward.api('POST', '/v1/chat/completions', { key: secret, body: { model: 'backup/priced', messages, max_tokens: 10, ...body } })));
      const usageOf = async (id: string) => (await fx.steward.api('GET', `/api/limits/keys/${id}`)).body.usage as Usage;

      it('spends at most one request past a USD budget with 100 parallel requests', async () => {
        const key = await keyWith('budget-race', { budgetUsd: 4.4, budgetPeriod: 'day' });
        const answers = await burst(key.secret, 100);
        const ok = answers.filter((a) => a.status === 200);
        const refused = answers.filter((a) => a.status === 429);
        expect(ok.length + refused.length).toBe(100);
        expect(ok.length).toBeGreaterThanOrEqual(3);
        for (const r of refused) expect((r.body.error as { code: string }).code).toBe('budget_exceeded');
        const usage = await usageOf(key.id);
        expect(usage.spendUsd.used).toBeCloseTo(ok.length * CALL_USD, 6);
        expect(usage.spendUsd.used).toBeLessThanOrEqual(4.4 + CALL_USD);
        expect(usage.spendUsd.reserved).toBe(0);
        expect(usage.spendUsd.remaining).toBeCloseTo(Math.max(0, 4.4 - usage.spendUsd.used), 6);
      });

      it('refuses up front, saying why, a request whose worst case alone exceeds what is left', async () => {
        const key = await keyWith('dear', { budgetUsd: 2, budgetPeriod: 'day' });
        const dear = await fx.steward.api('POST', '/v1/chat/completions', { key: key.secret, body: { model: 'backup/priced', messages, max_tokens: 1_000 } });
        expect(dear.status).toBe(429);
        expect((dear.body.error as { message: string }).message).toMatch(/worst case of this request, \$\d+(\.\d+)? \(\d+ prompt tokens \(an upper estimate\) \+ 1000 output tokens\), exceeds the \$2 left/);
        expect((await fx.steward.api('POST', '/v1/chat/completions', { key: key.secret, body: { model: 'backup/priced', messages, max_tokens: 10 } })).status).toBe(200);
      });

      it('admits at most one request past a tokens-per-minute limit with 100 parallel requests', async () => {
        const key = await keyWith('tpm-race', { tokensPerMinute: 200 });
        const answers = await burst(key.secret, 100);
        const ok = answers.filter((a) => a.status === 200).length;
        expect(ok).toBeGreaterThanOrEqual(1);
        const usage = await usageOf(key.id);
        expect(usage.tokens.used).toBe(ok * 29);
        expect(usage.tokens.used).toBeLessThanOrEqual(200 + 29);
        expect(usage.tokens.reserved).toBe(0);
      });

      it('counts streams, embeddings and priced cache hits against the budget', async () => {
        const key = await keyWith('surfaces', { budgetUsd: 100, budgetPeriod: 'day' });
        const stream = await fx.steward.api('POST', '/v1/chat/completions', { key: key.secret, body: { model: 'backup/priced', messages, max_tokens: 10, stream: true } });
        expect(stream.status).toBe(200);
        const afterStream = await usageOf(key.id);
        // The streamed fixture reports 9 + 2 tokens.
        expect(afterStream.spendUsd.used).toBeCloseTo((11 * PER_MTOK) / 1_000_000, 6);
        const embedding = await fx.steward.api('POST', '/v1/embeddings', { key: key.secret, body: { model: 'backup/priced', input: 'embed me' } });
        expect(embedding.status).toBe(200);
        const afterEmbedding = (await usageOf(key.id)).spendUsd.used;
        expect(afterEmbedding).toBeGreaterThan(afterStream.spendUsd.used);
        // gateway.limits.cachedHits: priced — an answer from the cache costs what the call would have.
        await fx.steward.api('POST', '/api/routes', { body: { config: { name: 'priced-cache', targets: [{ model: 'backup/priced' }], cache: { enabled: true, ttlSeconds: 600 } } } });
        const cachedCall = () => fx.steward.api('POST', '/v1/chat/completions', { key: key.secret, body: { model: 'priced-cache', messages, max_tokens: 10 } });
        expect((await cachedCall()).headers.get('x-steward-cache')).toBe('miss');
        expect((await cachedCall()).headers.get('x-steward-cache')).toBe('hit');
        expect((await usageOf(key.id)).spendUsd.used).toBeCloseTo(afterEmbedding + 2 * CALL_USD, 6);
      });

      it('settles a stream the upstream cuts: the reservation is released and the partial usage counted', async () => {
        const key = await keyWith('cut', { tokensPerMinute: 10_000, budgetUsd: 100, budgetPeriod: 'day' });
        fx.backup.setBehaviour({ mode: 'close-mid-stream', afterEvents: 2 }, { times: 1 });
        const cut = await fx.steward.api('POST', '/v1/chat/completions', { key: key.secret, body: { model: 'backup/priced', messages, max_tokens: 10, stream: true } });
        expect(cut.text).not.toContain('[DONE]');
        await vi.waitFor(async () => expect((await usageOf(key.id)).tokens.reserved).toBe(0));
        const usage = await usageOf(key.id);
        expect(usage.tokens.used).toBeGreaterThan(0);
        expect(usage.spendUsd.used).toBeGreaterThan(0);
        expect(usage.spendUsd.reserved).toBe(0);
      });
    });
  }
}
