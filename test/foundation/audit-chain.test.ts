// The audit log as an attacker with write access to the database sees it: rewriting a row and
// recomputing plain SHA-256 hashes and the head (the attack the plain chain did not catch), passing
// the chain off as "legacy", or cutting it short must all fail `steward audit verify`; a master key
// rotation keeps history verifiable; an export verifies offline with the master key alone.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KEY_FILE, hashAuditRow, parseMasterKey, verifyAuditExport } from '../../src/governance/index.js';
import type { AuditLogTable, Store } from '../../src/store/index.js';
import { canonicalJson } from '../../src/governance/audit/canonical-json.js';
import { ENGINES, dropPostgresSchema, uniqueSchemaName } from '../harness/engines.js';
import { runCli } from '../harness/run-cli.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

/** What an attacker with database access does first: switch off the append-only triggers. */
async function disableAppendOnly(store: Store): Promise<void> {
  if (store.engine === 'postgres') await sql`alter table audit_log disable trigger user`.execute(store.db);
  else {
    await sql`drop trigger if exists audit_log_no_update`.execute(store.db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(store.db);
  }
}

function plainHash(row: Omit<AuditLogTable, 'hash'>, includeMacKey: boolean): string {
  const { prev_hash, mac_key, ...content } = { ...row, seq: Number(row.seq), at: Number(row.at) };
  const body = includeMacKey ? { ...content, mac_key } : content;
  return createHash('sha256').update(prev_hash).update('\n').update(canonicalJson(body)).digest('hex');
}

/**
 * Rewrites row `seq` and recomputes every following hash and the head with plain SHA-256, as the
 * original chain allowed. `asLegacy` also clears the key names so the rows pass for pre-HMAC rows.
 */
async function rewriteAndRechain(store: Store, seq: number, asLegacy: boolean): Promise<void> {
  const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = seq > 1 ? rows[seq - 2].hash : '0'.repeat(64);
  for (const row of rows.filter((r) => Number(r.seq) >= seq)) {
    const content = { ...row, prev_hash: prev, actor_name: Number(row.seq) === seq ? 'mallory' : row.actor_name, mac_key: asLegacy ? null : row.mac_key };
    const { hash: _old, ...rest } = content;
    const hash = plainHash(rest, !asLegacy);
    await store.db.updateTable('audit_log').set({ prev_hash: prev, actor_name: content.actor_name, mac_key: content.mac_key, hash }).where('seq', '=', row.seq).execute();
    prev = hash;
  }
  await store.db.updateTable('audit_head').set({ hash: prev, ...(asLegacy ? { mac_key: null, mac: null } : {}) }).where('id', '=', 1).execute();
}

describe.each(ENGINES)('audit chain on $name', (engine) => {
  let s: TestSteward;
  const verify = async () => (await s.api('GET', '/api/audit/verify')).body as { ok: boolean; firstBrokenSeq: number | null; reason: string | null; checked: number };

  beforeAll(async () => {
    s = await startTestSteward(engine);
  });
  afterAll(async () => {
    await s?.close();
  });

  const someWrites = async (tag: string) => {
    for (let i = 0; i < 3; i++) {
      const created = await s.api('POST', '/api/keys', { body: { name: `${tag}-${i}`, role: 'viewer' } });
      expect(created.status).toBe(201);
    }
    expect((await s.api('PUT', `/api/secrets/${tag}-secret`, { body: { value: `value-${tag}` } })).status).toBeLessThan(300);
  };

  it('authenticates every row with an HMAC keyed from the master key, not a plain hash', async () => {
    await someWrites('a');
    const rows = await s.handle.services.store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row.mac_key).toMatch(/^[0-9a-f]{16}$/);
      const { hash, ...rest } = row;
      expect(hash).not.toBe(plainHash(rest, true));
      expect(hash).not.toBe(plainHash(rest, false));
    }
    expect(await verify()).toMatchObject({ ok: true, checked: rows.length });
  });

  it('round-trips an export that verifies offline with the master key, and catches an edited export', async () => {
    const exported = await s.api('GET', '/api/audit/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = exported.text.trim().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ type: 'header', format: 'steward-audit-export/1' });
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ type: 'head' });
    const masterKey = parseMasterKey(readFileSync(join(s.dataDir, MASTER_KEY_FILE), 'utf8'));
    expect(await verifyAuditExport(lines, masterKey)).toMatchObject({ ok: true });

    const file = join(s.dataDir, 'export.jsonl');
    writeFileSync(file, exported.text);
    const cli = await runCli(['audit', 'verify', '--file', file, '--master-key-file', join(s.dataDir, MASTER_KEY_FILE)]);
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toMatch(/audit log intact: \d+ rows verified/);
    expect(cli.code).toBe(0);

    // Edit the second row in the file and recompute the plain hashes: still caught.
    const edited = lines.map((line, index) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return index === 2 && parsed.type === 'row' ? JSON.stringify({ ...parsed, action: 'keys.nothing' }) : line;
    });
    writeFileSync(file, `${edited.join('\n')}\n`);
    const broken = await runCli(['audit', 'verify', '--file', file, '--master-key-file', join(s.dataDir, MASTER_KEY_FILE)]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/audit log broken at row 2/);

    // A wrong master key cannot vouch for the export.
    expect(await verifyAuditExport(lines, Buffer.alloc(32, 7))).toMatchObject({ ok: false });
  });

  it('keeps history verifiable across master key rotations, in the database and in an export', async () => {
    const before = await verify();
    for (let round = 0; round < 2; round++) {
      const rotated = await s.api('POST', '/api/secrets/rotate-master-key', { body: {} });
      expect(rotated.status).toBe(200);
      await someWrites(`rot${round}`);
    }
    const after = await verify();
    expect(after).toMatchObject({ ok: true });
    expect(after.checked).toBeGreaterThan(before.checked);
    const keys = await s.handle.services.store.db.selectFrom('audit_log').select('mac_key').distinct().execute();
    expect(keys.length).toBe(3);
    const exported = await s.api('GET', '/api/audit/export');
    const masterKey = parseMasterKey(readFileSync(join(s.dataDir, MASTER_KEY_FILE), 'utf8'));
    expect(await verifyAuditExport(exported.text.split('\n'), masterKey)).toMatchObject({ ok: true, checked: after.checked });
  });

  it('fails verification when a row is rewritten and the plain hashes and head recomputed (directly in the database)', async () => {
    const store = s.handle.services.store;
    expect((await verify()).ok).toBe(true);
    await disableAppendOnly(store);
    await rewriteAndRechain(store, 3, false);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(result.reason).toMatch(/HMAC differs/);
    const cli = await runCli(['audit', 'verify'], { STEWARD_URL: s.url, STEWARD_API_KEY: s.adminKey });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/broken at row 3/);
  });

  it('fails verification when the whole chain is recomputed as pre-HMAC rows with an unauthenticated head', async () => {
    await rewriteAndRechain(s.handle.services.store, 1, true);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/head is not authenticated/);
  });
});

describe.each(ENGINES)('audit chain upgrade on $name', (engine) => {
  it('anchors rows from before keyed chaining with a checkpoint, and still catches a rewrite among them', async () => {
    // The test owns the data dir and schema so they outlive the first server.
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-audit-upgrade-'));
    const schema = engine.databaseUrl ? uniqueSchemaName() : undefined;
    const first = await startTestSteward(engine, { dataDir, schema });
    let second: TestSteward | undefined;
    try {
      const store = first.handle.services.store;
      // Make the log look like one written by an earlier version: plain SHA-256 rows, no head MAC.
      await disableAppendOnly(store);
      const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      let prev = '0'.repeat(64);
      for (const row of rows) {
        const { hash: _h, ...rest } = { ...row, prev_hash: prev, mac_key: null };
        const hash = hashAuditRow(rest);
        await store.db.updateTable('audit_log').set({ prev_hash: prev, mac_key: null, hash }).where('seq', '=', row.seq).execute();
        prev = hash;
      }
      await store.db.updateTable('audit_head').set({ hash: prev, mac_key: null, mac: null }).where('id', '=', 1).execute();
      const legacyRows = rows.length;
      await first.close();

      second = await startTestSteward(engine, { dataDir, schema });
      const checkpoint = await second.handle.services.store.db.selectFrom('audit_log').selectAll().where('seq', '=', legacyRows + 1).executeTakeFirstOrThrow();
      expect(checkpoint.action).toBe('audit.checkpoint');
      expect(checkpoint.mac_key).not.toBeNull();
      // The second start may append its own records (its admin key) after the checkpoint.
      const upgraded = (await second.api('GET', '/api/audit/verify')).body as { ok: boolean; checked: number; authenticated: number };
      expect(upgraded.ok).toBe(true);
      expect(upgraded.checked - upgraded.authenticated).toBe(legacyRows);

      await second.handle.services.store.db.updateTable('audit_log').set({ actor_name: 'mallory' }).where('seq', '=', 1).execute();
      const legacy = (await second.api('GET', '/api/audit/verify')).body;
      expect(legacy).toMatchObject({ ok: false, firstBrokenSeq: 1 });
    } finally {
      await second?.close();
      if (engine.databaseUrl && schema) await dropPostgresSchema(engine.databaseUrl, schema);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
