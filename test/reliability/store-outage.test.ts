// Fail static through a PostgreSQL outage of the test's own database (connections disallowed and its
// backends terminated; the shared server keeps running): keys seen before keep authenticating past
// the auth cache's TTL (the clock moves 40 s instead of the test waiting), /v1 keeps answering and
// journalling, management routes answer 503 STORE_UNAVAILABLE with retry-after, an unknown key gets
// 503, and once the database is back every trace of the outage is stored.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFixture, startGatewayFixture } from '../gateway/gateway-fixture.js';

const baseUrl = process.env.STEWARD_TEST_DATABASE_URL;
const messages = [{ role: 'user' as const, content: 'Hello' }];

describe.skipIf(!baseUrl)('PostgreSQL outage', () => {
  const database = `stw_outage_${randomBytes(4).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: baseUrl });
  const sqlAsAdmin = async (text: string) => {
    const client = admin();
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const cutOff = async () => {
    await sqlAsAdmin(`alter database "${database}" allow_connections false`);
    await sqlAsAdmin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database}' and pid <> pg_backend_pid()`);
  };
  const restore = () => sqlAsAdmin(`alter database "${database}" allow_connections true`);
  let skewMs = 0;
  let fx: GatewayFixture;

  beforeAll(async () => {
    await sqlAsAdmin(`create database "${database}"`);
    const url = new URL(String(baseUrl));
    url.pathname = `/${database}`;
    fx = await startGatewayFixture({ name: 'postgres', databaseUrl: url.toString() }, { now: () => Date.now() + skewMs });
  });
  afterAll(async () => {
    await restore().catch(() => undefined);
    await fx?.close();
    await cutOff().catch(() => undefined);
    await sqlAsAdmin(`drop database if exists "${database}"`);
  });

  it('keeps /v1 serving known keys, answers 503 on /api, and loses no trace', async () => {
    const unknownKey = `sk-stw-${randomBytes(24).toString('hex')}`;
    expect((await fx.client.chat.completions.create({ model: 'mock/gpt-4o-mini', messages })).choices).toHaveLength(1);
    expect((await fx.steward.api('GET', '/api/keys')).status).toBe(200);
    // A key revoked before the outage, and seen revoked: the revocation holds through the outage.
    const revoked = await fx.steward.api('POST', '/api/keys', { body: { name: 'revoked', role: 'service' } });
    const revokedKey = String(revoked.body.key);
    expect((await fx.steward.api('POST', '/v1/chat/completions', { key: revokedKey, body: { model: 'mock/gpt-4o-mini', messages } })).status).toBe(200);
    expect((await fx.steward.api('POST', `/api/keys/${(revoked.body.record as { id: string }).id}/revoke`)).status).toBe(200);
    expect((await fx.steward.api('POST', '/v1/chat/completions', { key: revokedKey, body: { model: 'mock/gpt-4o-mini', messages } })).status).toBe(401);

    await cutOff();
    // 40 s pass: every auth cache entry is past its 30 s TTL.
    skewMs += 40_000;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'mock/gpt-4o-mini', messages, stream: i % 2 === 0 } })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const traceIds = answers.map((a) => String(a.headers.get('x-steward-trace-id')));

    const management = await fx.steward.api('GET', '/api/keys');
    expect(management.status).toBe(503);
    expect((management.body.error as { code: string }).code).toBe('STORE_UNAVAILABLE');
    expect(Number(management.headers.get('retry-after'))).toBeGreaterThan(0);
    const stranger = await fx.steward.api('POST', '/v1/chat/completions', { key: unknownKey, body: { model: 'mock/gpt-4o-mini', messages } });
    expect(stranger.status).toBe(503);
    expect((stranger.body.error as { code: string }).code).toBe('store_unavailable');
    expect((await fx.steward.api('GET', '/readyz', { key: null })).status).toBe(503);
    expect((await fx.steward.api('POST', '/v1/chat/completions', { key: revokedKey, body: { model: 'mock/gpt-4o-mini', messages } })).status).toBe(401);
    // Past STEWARD_AUTH_STALE_MAX_MS (15 min) a cached key is no longer trusted: 503 until the store is back.
    skewMs += 15 * 60_000;
    expect((await fx.steward.api('POST', '/v1/chat/completions', { key: fx.serviceKey, body: { model: 'mock/gpt-4o-mini', messages } })).status).toBe(503);

    await restore();
    await fx.steward.handle.services.gatewayServices.traceWriter.flush();
    for (const id of traceIds) expect((await fx.steward.api('GET', `/api/traces/${id}`)).status, id).toBe(200);
    expect((await fx.steward.api('GET', '/api/keys')).status).toBe(200);
    expect((await fx.steward.api('POST', '/v1/chat/completions', { key: unknownKey, body: { model: 'mock/gpt-4o-mini', messages } })).status).toBe(401);
  });
});
