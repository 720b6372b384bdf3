// The store over every engine: migrations, transactions, constraint errors, and the audit chain.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, recordAudit, verifyAuditChain } from '../../src/governance/index.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../src/store/index.js';
import { migrate } from '../../src/store/open-store.js';
import { ENGINES } from '../harness/engines.js';
import { type TestStore, openTestStore } from '../harness/test-store.js';

const actor: Actor = { id: null, name: 'test', role: 'admin', projectId: 'p' };

for (const engine of ENGINES) {
  describe(`store on ${engine.name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(engine);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('runs migrations once: running them again changes nothing', async () => {
      await migrate(t.store);
      const head = await t.store.db.selectFrom('audit_head').selectAll().execute();
      expect(head).toHaveLength(1);
    });

    it.runIf(engine.name === 'postgres')('is not fooled by the migration table of another schema in the same database', async () => {
      const decoy = `${t.schema}_decoy`;
      await sql`create schema ${sql.id(decoy)}`.execute(t.store.db);
      try {
        await sql`create table ${sql.id(decoy, 'steward_migrations')} (name text primary key, applied_at bigint)`.execute(t.store.db);
        await sql`insert into ${sql.id(decoy, 'steward_migrations')} values ('001-foundation', 1)`.execute(t.store.db);
        const fresh = await openTestStore(engine);
        try {
          expect(await fresh.store.db.selectFrom('audit_head').select('seq').execute()).toEqual([{ seq: 0 }]);
        } finally {
          await fresh.close();
        }
      } finally {
        await sql`drop schema ${sql.id(decoy)} cascade`.execute(t.store.db);
      }
    });

    it('answers ping', async () => {
      await expect(t.store.ping()).resolves.toBeUndefined();
    });

    it('leaves nothing half-written when a multi-row write fails', async () => {
      const write = t.store.transaction(async (tx) => {
        await tx.insertInto('projects').values({ id: 'p-tx-1', name: 'tx-one', description: '', created_at: 1 }).execute();
        await tx.insertInto('projects').values({ id: 'p-tx-2', name: 'tx-two', description: '', created_at: 1 }).execute();
        await tx.insertInto('projects').values({ id: 'p-tx-3', name: 'tx-one', description: '', created_at: 1 }).execute();
      });
      const error = await write.catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
      const rows = await t.store.db.selectFrom('projects').select('id').where('id', 'like', 'p-tx-%').execute();
      expect(rows).toEqual([]);
    });

    it('recognises foreign-key violations', async () => {
      const error = await t.store.db
        .insertInto('api_keys')
        .values({ id: 'k1', project_id: 'missing', name: 'n', prefix: 'p', hash: 'h', role: 'admin', created_at: 1, created_by: null, expires_at: null, revoked_at: null, last_used_at: null, rotated_from: null })
        .execute()
        .catch((e: unknown) => e);
      expect(isForeignKeyViolation(error)).toBe(true);
    });

    it('serialises concurrent audit appends into one unbroken chain', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.store.transaction((tx) => recordAudit(tx, { actor, action: 'test.write', resourceType: 'thing', resourceId: String(i), after: { i } })),
        ),
      );
      const rows = await t.store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: true, checked: rows.length });
    });

    it('refuses updates and deletes of audit rows at the engine level', async () => {
      await expect(t.store.db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
      await expect(t.store.db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    });

    it('finds the first changed row and the first removed row when someone bypasses the guard', async () => {
      const bypass = async (statement: string) => {
        if (t.store.engine === 'postgres') {
          await t.store.transaction(async (tx) => {
            await sql`alter table audit_log disable trigger user`.execute(tx);
            await sql.raw(statement).execute(tx);
            await sql`alter table audit_log enable trigger user`.execute(tx);
          });
        } else {
          await sql`drop trigger if exists audit_log_no_update`.execute(t.store.db);
          await sql`drop trigger if exists audit_log_no_delete`.execute(t.store.db);
          await sql.raw(statement).execute(t.store.db);
        }
      };
      await bypass(`update audit_log set after_json = '{"i":999}' where seq = 7`);
      expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: false, firstBrokenSeq: 7 });
      await bypass('delete from audit_log where seq = 3');
      expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });
  });
}
