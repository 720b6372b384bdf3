// The audit chain becomes an HMAC chain keyed from the master key: each row names the key that
// authenticated it (null for rows from before, which stay plain SHA-256 and are anchored by the
// first authenticated row), the head carries its own MAC (so a chain rewritten to look "legacy" or
// cut short is caught), and audit keys retired by a master key rotation are kept, sealed under the
// current master key, so the history they authenticated stays verifiable.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('mac_key', 'text').execute();
  await db.schema.alterTable('audit_head').addColumn('mac_key', 'text').execute();
  await db.schema.alterTable('audit_head').addColumn('mac', 'text').execute();
  await db.schema
    .createTable('audit_keys')
    .addColumn('fingerprint', 'text', (c) => c.primaryKey())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('master_fingerprint', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'bigint', (c) => c.notNull())
    .execute();
}
