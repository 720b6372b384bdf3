// Migration 050 on existing data: the admin keys Steward made itself (and their rotations) become
// the instance owner; admin keys people made stay project admins. On every engine.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promoteSystemAdmins } from '../../src/store/migrations/050-instance-owner.js';
import { newId } from '../../src/store/index.js';
import { ENGINES } from '../harness/engines.js';
import { type TestStore, openTestStore } from '../harness/test-store.js';

for (const engine of ENGINES) {
  describe(`migration 050 on ${engine.name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(engine);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('promotes system-made admin keys of the default project and their rotations, nothing else', async () => {
      const db = t.store.db;
      const project = async (name: string) => {
        const id = newId('proj');
        await db.insertInto('projects').values({ id, name, description: '', created_at: 1, deleted_at: null, purge_after: null }).execute();
        return id;
      };
      const defaultId = (await db.selectFrom('projects').select('id').where('name', '=', 'default').executeTakeFirst())?.id ?? (await project('default'));
      const otherId = await project('other');
      const key = async (name: string, role: string, projectId: string, createdBy: string | null, rotatedFrom: string | null = null) => {
        const id = newId('key');
        await db
          .insertInto('api_keys')
          .values({ id, project_id: projectId, name, prefix: 'sk-stw-x', hash: `h-${id}`, role, created_at: 1, created_by: createdBy, expires_at: null, revoked_at: 1, last_used_at: null, rotated_from: rotatedFrom })
          .execute();
        return id;
      };
      const firstStart = await key('admin (first start)', 'admin', defaultId, null);
      const rotated = await key('admin (first start)', 'admin', defaultId, firstStart, firstStart);
      const rotatedAgain = await key('admin (first start)', 'admin', defaultId, rotated, rotated);
      const human = await key('ops admin', 'admin', defaultId, firstStart);
      const otherSystem = await key('other admin', 'admin', otherId, null);
      const developer = await key('dev', 'developer', defaultId, null);

      expect(await promoteSystemAdmins(db as unknown as Kysely<unknown>)).toBe(3);
      const roles = Object.fromEntries((await db.selectFrom('api_keys').select(['id', 'role']).execute()).map((r) => [r.id, r.role]));
      expect([roles[firstStart], roles[rotated], roles[rotatedAgain]]).toEqual(['owner', 'owner', 'owner']);
      expect([roles[human], roles[otherSystem], roles[developer]]).toEqual(['admin', 'admin', 'developer']);
      // Running it again changes nothing.
      expect(await promoteSystemAdmins(db as unknown as Kysely<unknown>)).toBe(0);
    });
  });
}
