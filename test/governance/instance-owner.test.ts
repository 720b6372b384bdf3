// Two levels of administration over HTTP, on every engine: the instance owner manages projects and
// instance settings; a project admin manages only its project, and another project's ids are 404.
// Deleting a project is soft, audited, stops its keys at once, and retention purges it after the
// grace period (moved by the injected clock, not by waiting).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/engines.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';
import { insertTraces } from '../monitoring/trace-fixtures.js';

interface Created {
  key: string;
  record: { id: string; projectId: string; role: string; prefix: string };
}

for (const engine of ENGINES) {
  describe(`instance owner and project admins on ${engine.name}`, () => {
    let s: TestSteward;
    let clock = Date.parse('2026-06-01T00:00:00Z');
    let red: { id: string };
    let blue: { id: string };
    let redAdmin: Created;
    let blueAdmin: Created;

    beforeAll(async () => {
      s = await startTestSteward(engine, { now: () => clock, overrides: { 'security.projectDeleteGraceDays': 3, 'monitoring.rollupIntervalMs': 0 } });
      red = (await s.api('POST', '/api/projects', { body: { name: 'red' } })).body as { id: string };
      blue = (await s.api('POST', '/api/projects', { body: { name: 'blue' } })).body as { id: string };
      redAdmin = (await s.api('POST', '/api/keys', { body: { name: 'red admin', role: 'admin', project: 'red' } })).body as unknown as Created;
      blueAdmin = (await s.api('POST', '/api/keys', { body: { name: 'blue admin', role: 'admin', project: blue.id } })).body as unknown as Created;
    });
    afterAll(async () => {
      await s?.close();
    });

    it('makes STEWARD_ADMIN_KEY the instance owner', async () => {
      const me = await s.api('GET', '/api/me');
      expect(me.body).toMatchObject({ role: 'owner' });
      expect(redAdmin.record).toMatchObject({ role: 'admin', projectId: red.id });
    });

    it('shows a project admin only its own project and keys; the owner sees all', async () => {
      const projects = await s.api('GET', '/api/projects', { key: redAdmin.key });
      expect((projects.body.data as { name: string }[]).map((p) => p.name)).toEqual(['red']);
      const all = await s.api('GET', '/api/projects');
      expect((all.body.data as { name: string }[]).map((p) => p.name)).toEqual(expect.arrayContaining(['default', 'red', 'blue']));

      const redKeys = await s.api('GET', '/api/keys', { key: redAdmin.key });
      expect((redKeys.body.data as { projectId: string }[]).every((k) => k.projectId === red.id)).toBe(true);
      expect(redKeys.text).not.toContain(blueAdmin.record.id);
      expect(redKeys.text).not.toContain(blueAdmin.record.prefix);
      const ownerKeys = await s.api('GET', '/api/keys');
      expect(ownerKeys.text).toContain(blueAdmin.record.id);
      const filtered = await s.api('GET', `/api/keys?project=blue`);
      expect((filtered.body.data as { projectId: string }[]).map((k) => k.projectId)).toEqual([blue.id]);
    });

    it("answers 404, never 403, for another project's key, and leaves it working", async () => {
      for (const [method, path] of [['GET', `/api/keys/${blueAdmin.record.id}`], ['POST', `/api/keys/${blueAdmin.record.id}/revoke`], ['POST', `/api/keys/${blueAdmin.record.id}/rotate`]] as const) {
        const res = await s.api(method, path, { key: redAdmin.key, body: method === 'POST' ? {} : undefined });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
      }
      expect((await s.api('GET', '/api/me', { key: blueAdmin.key })).status).toBe(200);
      // Neither can it see or touch the owner's key, though the owner lives in the default project.
      const ownerId = String((await s.api('GET', '/api/me')).body.id);
      const defaultAdmin = (await s.api('POST', '/api/keys', { body: { name: 'default admin', role: 'admin' } })).body as unknown as Created;
      expect((await s.api('POST', `/api/keys/${ownerId}/revoke`, { key: defaultAdmin.key })).status).toBe(404);
      const listed = (await s.api('GET', '/api/keys', { key: defaultAdmin.key })).body.data as { id: string; role: string }[];
      expect(listed.map((k) => k.id)).not.toContain(ownerId);
      expect(listed.map((k) => k.role)).not.toContain('owner');
    });

    it('refuses keys in another project (404) and roles above admin (403) or unknown (400)', async () => {
      const other = await s.api('POST', '/api/keys', { key: redAdmin.key, body: { name: 'x', role: 'viewer', project: blue.id } });
      expect(other.status).toBe(404);
      const byName = await s.api('POST', '/api/keys', { key: redAdmin.key, body: { name: 'x', role: 'viewer', project: 'blue' } });
      expect(byName.status).toBe(404);
      const unknownProject = await s.api('POST', '/api/keys', { body: { name: 'x', role: 'viewer', project: 'nowhere' } });
      expect(unknownProject.status).toBe(404);
      expect(unknownProject.body.error).toMatchObject({ code: 'NOT_FOUND' });
      const owner = await s.api('POST', '/api/keys', { key: redAdmin.key, body: { name: 'x', role: 'owner' } });
      expect(owner.status).toBe(403);
      const bogus = await s.api('POST', '/api/keys', { key: redAdmin.key, body: { name: 'x', role: 'superuser' } });
      expect(bogus.status).toBe(400);
      expect(bogus.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const own = await s.api('POST', '/api/keys', { key: redAdmin.key, body: { name: 'red viewer', role: 'viewer' } });
      expect(own.status).toBe(201);
      expect(own.body.record).toMatchObject({ projectId: red.id });
    });

    it('keeps instance settings and projects to the owner', async () => {
      for (const [method, path, body] of [
        ['POST', '/api/projects', { name: 'green' }],
        ['DELETE', `/api/projects/${blue.id}`, undefined],
        ['POST', '/api/secrets/rotate-master-key', {}],
        ['POST', '/api/metrics/retention/run', {}],
        ['GET', '/api/audit/verify', undefined],
      ] as const) {
        const res = await s.api(method, path, { key: redAdmin.key, body });
        expect(res.status, `${method} ${path}`).toBe(403);
      }
      expect((await s.api('GET', `/api/projects/${blue.id}`, { key: redAdmin.key })).status).toBe(404);
      expect((await s.api('GET', '/api/projects/red', { key: redAdmin.key })).status).toBe(200);
    });

    it("shows a project admin only its project's audit entries", async () => {
      await s.api('PUT', '/api/secrets/blue-only', { key: blueAdmin.key, body: { value: 'blue-secret-value' } });
      const redAudit = await s.api('GET', '/api/audit?limit=500', { key: redAdmin.key });
      expect(redAudit.status).toBe(200);
      const entries = redAudit.body.data as { projectId: string; resourceId: string | null }[];
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.projectId === red.id)).toBe(true);
      expect(redAudit.text).not.toContain('blue-only');
      const ownerAudit = await s.api('GET', '/api/audit?limit=500&action=secrets.create');
      expect(ownerAudit.text).toContain('blue-only');
      // The owner (a key of the default project) made red's admin key: the entry is red's, so red's
      // admin sees it and an admin of the default project does not.
      const made = `resourceId=${redAdmin.record.id}&action=keys.create`;
      expect((await s.api('GET', `/api/audit?${made}`, { key: redAdmin.key })).body.data).toHaveLength(1);
      const defaultAdmin = (await s.api('POST', '/api/keys', { body: { name: 'default auditor', role: 'admin' } })).body as unknown as Created;
      expect((await s.api('GET', `/api/audit?${made}`, { key: defaultAdmin.key })).body.data).toHaveLength(0);
    });

    it('soft-deletes a project: audited, its keys stop at once, restorable, purged by retention after the grace period', async () => {
      const doomed = (await s.api('POST', '/api/projects', { body: { name: 'doomed' } })).body as { id: string };
      const admin = (await s.api('POST', '/api/keys', { body: { name: 'doomed admin', role: 'admin', project: doomed.id } })).body as unknown as Created;
      expect((await s.api('PUT', '/api/secrets/doomed-secret', { key: admin.key, body: { value: 'v-doomed' } })).status).toBe(200);
      // Objects with children (versions, items, labels) so the purge must follow foreign keys.
      for (const [path, body] of [
        ['/api/models', { name: 'doomed-model' }],
        ['/api/models/doomed-model/versions', { spec: { provider: 'builtin', model: 'steward-mini' } }],
        ['/api/prompts', { name: 'doomed-prompt', template: { text: 'Hi {{who}}' }, variables: [{ name: 'who' }], labels: ['production'] }],
        ['/api/datasets', { name: 'doomed-data' }],
        ['/api/datasets/doomed-data/versions', { items: [{ input: 'q', reference: 'a' }] }],
        ['/api/routes', { config: { name: 'doomed-route', targets: [{ model: 'builtin/steward-mini' }] } }],
      ] as const) {
        const made = await s.api('POST', path, { key: admin.key, body });
        expect(made.status, `${path}: ${made.text}`).toBeLessThan(300);
      }
      await insertTraces(s.handle.services.store, doomed.id, [{ at: clock, latencyMs: 3, route: 'doomed-route' }]);
      expect((await s.api('GET', '/api/me', { key: admin.key })).status).toBe(200);
      const service = (await s.api('POST', '/api/keys', { key: admin.key, body: { name: 'doomed app', role: 'service' } })).body as unknown as Created;
      expect((await s.api('GET', '/v1/models', { key: service.key })).status).toBe(200);

      const deleted = await s.api('DELETE', `/api/projects/${doomed.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ deletedAt: new Date(clock).toISOString(), purgeAfter: new Date(clock + 3 * 86_400_000).toISOString() });
      const dataPlane = await s.api('GET', '/v1/models', { key: service.key });
      expect(dataPlane.status).toBe(401);
      expect(dataPlane.body.error).toMatchObject({ code: 'key_revoked' });
      const refused = await s.api('GET', '/api/me', { key: admin.key });
      expect(refused.status).toBe(401);
      expect(refused.body.error).toMatchObject({ code: 'KEY_REVOKED' });
      expect((await s.api('GET', '/api/projects')).text).not.toContain('doomed');
      expect((await s.api('GET', '/api/projects?includeDeleted=true')).text).toContain('doomed');
      expect((await s.api('POST', '/api/keys', { body: { name: 'late', role: 'viewer', project: doomed.id } })).status).toBe(404);
      const audit = await s.api('GET', '/api/audit?action=projects.delete');
      expect(audit.body.data).toContainEqual(expect.objectContaining({ resourceId: doomed.id, action: 'projects.delete' }));

      // Restore within the grace period brings the keys back; delete again.
      expect((await s.api('POST', `/api/projects/${doomed.id}/restore`)).status).toBe(200);
      expect((await s.api('GET', '/api/me', { key: admin.key })).status).toBe(200);
      expect((await s.api('DELETE', `/api/projects/doomed`)).status).toBe(200);

      // Before the grace period ends retention keeps the data; after it, the data is gone.
      clock += 2 * 86_400_000;
      expect((await s.api('POST', '/api/metrics/retention/run', { body: {} })).body).toMatchObject({ projects: 0 });
      const db = s.handle.services.store.db;
      expect(await db.selectFrom('secrets').select('name').where('project_id', '=', doomed.id).execute()).toHaveLength(1);
      clock += 2 * 86_400_000;
      // The scheduled job itself (the route above runs the same function).
      expect(await s.handle.services.monitoring.metrics.runRetention()).toMatchObject({ projects: 1 });
      expect(await db.selectFrom('secrets').select('name').where('project_id', '=', doomed.id).execute()).toHaveLength(0);
      expect(await db.selectFrom('api_keys').select('id').where('project_id', '=', doomed.id).execute()).toHaveLength(0);
      expect(await db.selectFrom('projects').select('id').where('id', '=', doomed.id).execute()).toHaveLength(0);
      // The store's own tables only: other test files create and drop their schemas meanwhile.
      for (const table of await s.handle.services.store.tableColumns(db)) {
        if (table.name === 'audit_log' || !table.columns.includes('project_id')) continue;
        const left = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)} where project_id = ${doomed.id}`.execute(db);
        expect(Number(left.rows[0].n), table.name).toBe(0);
      }
      // No child row outlives its parent.
      for (const [child, column, parent] of [['model_versions', 'model_id', 'models'], ['prompt_versions', 'prompt_id', 'prompts'], ['prompt_labels', 'prompt_id', 'prompts'], ['dataset_versions', 'dataset_id', 'datasets']] as const) {
        const orphans = await sql<{ n: number }>`select count(*) as n from ${sql.table(child)} where ${sql.ref(column)} not in (select id from ${sql.table(parent)})`.execute(db);
        expect(Number(orphans.rows[0].n), child).toBe(0);
      }
      expect((await s.api('GET', '/api/audit?action=projects.purge')).body.data).toContainEqual(expect.objectContaining({ resourceId: doomed.id }));
      expect((await s.api('GET', '/api/audit/verify')).body).toMatchObject({ ok: true });
    });

    it('refuses to delete the default project, and answers 404 for an unknown one', async () => {
      expect((await s.api('DELETE', '/api/projects/default')).status).toBe(409);
      const missing = await s.api('DELETE', '/api/projects/nowhere');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
