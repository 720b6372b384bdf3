// Keys, roles, secrets, audit and error shapes over HTTP, on every engine, as a client sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

for (const engine of ENGINES) {
  describe(`governance API on ${engine.name}`, () => {
    let s: TestSteward;
    // The server's clock for key expiry: real time plus whatever a test moved it forward by.
    let skewMs = 0;
    beforeAll(async () => {
      s = await startTestSteward(engine, { now: () => Date.now() + skewMs });
    });
    afterAll(async () => {
      await s?.close();
    });

    async function createKey(role: string, extra: Record<string, unknown> = {}) {
      const res = await s.api('POST', '/api/keys', { body: { name: `${role} key`, role, ...extra } });
      expect(res.status).toBe(201);
      return res.body as { key: string; record: { id: string; prefix: string; role: string } };
    }

    it('serves health without a key and readiness from the store', async () => {
      expect((await s.api('GET', '/healthz', { key: null })).status).toBe(200);
      const ready = await s.api('GET', '/readyz', { key: null });
      expect(ready.status).toBe(200);
      expect(ready.body.store).toBe(engine.name);
    });

    it('answers 401 without a key or with an unknown one, in the management error shape', async () => {
      const missing = await s.api('GET', '/api/keys', { key: null });
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String), details: null } });
      expect((await s.api('GET', '/api/keys', { key: 'sk-stw-not-a-real-key' })).status).toBe(401);
    });

    it('enforces roles: viewer reads, cannot write; service keys cannot use /api', async () => {
      const viewer = await createKey('viewer');
      expect((await s.api('GET', '/api/projects', { key: viewer.key })).status).toBe(200);
      const denied = await s.api('POST', '/api/projects', { key: viewer.key, body: { name: 'nope' } });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN' });
      const service = await createKey('service');
      expect((await s.api('GET', '/api/projects', { key: service.key })).status).toBe(403);
    });

    it('creates keys shown once, lists them by prefix only, and stores no plaintext', async () => {
      const created = await createKey('developer');
      expect(created.key).toMatch(/^sk-stw-/);
      expect(created.key.startsWith(created.record.prefix)).toBe(true);
      const list = await s.api('GET', '/api/keys');
      expect(list.text).not.toContain(created.key);
      expect(list.body.data).toContainEqual(expect.objectContaining({ id: created.record.id, prefix: created.record.prefix }));
      const row = await s.handle.services.store.db.selectFrom('api_keys').selectAll().where('id', '=', created.record.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(created.key);
    });

    it('revokes a key at once even though lookups are cached', async () => {
      const dev = await createKey('developer');
      expect((await s.api('GET', '/api/me', { key: dev.key })).status).toBe(200);
      expect((await s.api('POST', `/api/keys/${dev.record.id}/revoke`)).status).toBe(200);
      const after = await s.api('GET', '/api/me', { key: dev.key });
      expect(after.status).toBe(401);
      expect(after.body.error).toMatchObject({ code: 'KEY_REVOKED' });
    });

    it('rotates a key: the new one works, the old one stops (or after a grace period)', async () => {
      const dev = await createKey('developer');
      const rotated = await s.api('POST', `/api/keys/${dev.record.id}/rotate`, { body: {} });
      expect(rotated.status).toBe(201);
      const next = rotated.body as { key: string; record: { rotatedFrom: string; role: string } };
      expect(next.record).toMatchObject({ rotatedFrom: dev.record.id, role: 'developer' });
      expect((await s.api('GET', '/api/me', { key: next.key })).status).toBe(200);
      expect((await s.api('GET', '/api/me', { key: dev.key })).status).toBe(401);

      const graceful = await createKey('developer');
      const withGrace = await s.api('POST', `/api/keys/${graceful.record.id}/rotate`, { body: { graceSeconds: 3600 } });
      expect(withGrace.status).toBe(201);
      expect((await s.api('GET', '/api/me', { key: graceful.key })).status).toBe(200);
    });

    it('rejects expired keys', async () => {
      const soon = new Date(Date.now() + 60_000).toISOString();
      const dev = await createKey('developer', { expiresAt: soon });
      expect((await s.api('GET', '/api/me', { key: dev.key })).status).toBe(200);
      skewMs = 61_000;
      const expired = await s.api('GET', '/api/me', { key: dev.key });
      skewMs = 0;
      expect(expired.status).toBe(401);
      expect(expired.body.error).toMatchObject({ code: 'KEY_EXPIRED' });
    });

    it('refuses to import an API key shorter than 32 characters', async () => {
      const system = { id: null, name: 'test', role: 'owner' as const, projectId: s.handle.services.defaultProject.id };
      const weak = s.handle.services.keys.ensureKnownKey(system, 'my-own-admin-key-123', { name: 'imported', role: 'admin', projectId: system.projectId });
      await expect(weak).rejects.toMatchObject({ code: 'KEY_TOO_WEAK', status: 400 });
      expect((await s.api('GET', '/api/me', { key: 'my-own-admin-key-123' })).status).toBe(401);
    });

    it('validates bodies with messages naming the field', async () => {
      const bad = await s.api('POST', '/api/keys', { body: { name: '', role: 'root' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(String((bad.body.error as { message: string }).message)).toMatch(/name|role/);
      const malformed = await s.api('POST', '/api/keys', { body: '{"name": ' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toMatchObject({ code: 'BAD_JSON' });
      const past = await s.api('POST', '/api/keys', { body: { name: 'x', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' } });
      expect(past.status).toBe(400);
    });

    it('answers 409 for a duplicate project and 404 for unknown ids, never 500', async () => {
      expect((await s.api('POST', '/api/projects', { body: { name: 'team-a' } })).status).toBe(201);
      const dup = await s.api('POST', '/api/projects', { body: { name: 'team-a' } });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toMatchObject({ code: 'CONFLICT' });
      const missing = await s.api('POST', '/api/keys/key_missing/revoke');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND' });
      expect((await s.api('GET', '/api/nothing-here')).status).toBe(404);
    });

    it('refuses bodies over the limit with 413', async () => {
      const huge = JSON.stringify({ value: 'x'.repeat(9 * 1024 * 1024) });
      const res = await s.api('PUT', '/api/secrets/big', { body: huge });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'BODY_TOO_LARGE' });
    });

    it('stores secrets encrypted, never returns them, and survives a master-key rotation', async () => {
      const value = 'sk-upstream-very-secret-value';
      expect((await s.api('PUT', '/api/secrets/openai', { body: { value } })).status).toBe(200);
      const list = await s.api('GET', '/api/secrets');
      expect(list.text).not.toContain(value);
      expect(list.body.data).toContainEqual(expect.objectContaining({ name: 'openai', value: '********' }));
      const row = await s.handle.services.store.db.selectFrom('secrets').selectAll().where('name', '=', 'openai').executeTakeFirstOrThrow();
      expect(row.ciphertext).not.toContain(value);
      expect(Buffer.from(row.ciphertext, 'base64').toString('latin1')).not.toContain(value);

      const rotated = await s.api('POST', '/api/secrets/rotate-master-key', { body: {} });
      expect(rotated.status).toBe(200);
      expect(rotated.body.rotated).toBeGreaterThanOrEqual(1);
      const after = await s.handle.services.store.db.selectFrom('secrets').selectAll().where('name', '=', 'openai').executeTakeFirstOrThrow();
      expect(after.ciphertext).not.toBe(row.ciphertext);
      expect(after.key_fingerprint).toBe(rotated.body.fingerprint);
      expect(await s.handle.services.secrets.reveal(s.handle.services.defaultProject.id, 'openai')).toBe(value);
    });

    it('records every management write in the audit log, paged, with an intact chain', async () => {
      const first = await s.api('GET', '/api/audit?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.data).toHaveLength(2);
      expect(first.body.next_cursor).toBeTruthy();
      const second = await s.api('GET', `/api/audit?limit=500&cursor=${first.body.next_cursor}`);
      const actions = [...(first.body.data ?? []), ...(second.body.data ?? [])].map((e) => (e as { action: string }).action);
      expect(actions).toEqual(expect.arrayContaining(['keys.create', 'keys.revoke', 'keys.rotate', 'projects.create', 'secrets.create', 'secrets.rotate-master-key']));
      const create = (second.body.data ?? []).find((e) => (e as { action: string }).action === 'secrets.create') as { after: unknown; actor: { name: string } };
      expect(JSON.stringify(create.after)).not.toContain('very-secret');
      expect(create.actor.name).toBe('admin (STEWARD_ADMIN_KEY)');
      const verify = await s.api('GET', '/api/audit/verify');
      expect(verify.body).toMatchObject({ ok: true, firstBrokenSeq: null });
    });

    it('publishes an OpenAPI 3.1 document and a docs page', async () => {
      const doc = await s.api('GET', '/openapi.json', { key: null });
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      expect(Object.keys(doc.body.paths as object)).toEqual(expect.arrayContaining(['/api/keys', '/api/audit', '/api/secrets/{name}']));
      const docs = await fetch(`${s.url}/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('<html');
    });
  });
}
