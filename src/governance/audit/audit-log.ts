// The append-only, hash-chained audit log. Each management write records itself in the same
// transaction as the write, so there is never a change without its record nor a record without
// its change. Appends lock the chain head, which serialises them across replicas.
import type { AuditLogTable, Db, Store, Tx } from '../../store/index.js';
import { fromJsonColumn, newId, toJsonColumn } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { type AuditRowContent, type AuditVerification, GENESIS_HASH, hashAuditRow, verifyAuditRows } from './audit-chain.js';
import { auditKeysOf, currentAuditKey, headMac } from './audit-keys.js';

export { GENESIS_HASH, hashAuditRow, type AuditVerification };

export interface AuditInput {
  actor: Actor;
  /**
   * The project the change belongs to, when it is not the actor's own (the owner creating a key in
   * another project): that project's admins see the entry, the actor's project's admins do not.
   */
  projectId?: string;
  /** `<area>.<verb>`, e.g. `keys.create`. */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** A summary of the state before: never a secret value. */
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  projectId: string | null;
  actor: { id: string | null; name: string };
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

/** Appends one record inside `tx`, authenticated by the store's audit key. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  const auditKey = currentAuditKey(tx);
  // Incrementing the head first takes its row lock: concurrent appends wait here.
  const head = await tx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: AuditRowContent = {
    seq: Number(head.seq),
    id: newId('aud'),
    at: Date.now(),
    project_id: input.projectId ?? input.actor.projectId,
    actor_id: input.actor.id,
    actor_name: input.actor.name,
    action: input.action,
    resource_type: input.resourceType,
    resource_id: input.resourceId ?? null,
    before_json: toJsonColumn(input.before),
    after_json: toJsonColumn(input.after),
    prev_hash: head.hash,
    mac_key: auditKey.fingerprint,
  };
  const hash = hashAuditRow(row, auditKey.key);
  await tx.insertInto('audit_log').values({ ...row, hash }).execute();
  await tx
    .updateTable('audit_head')
    .set({ hash, mac_key: auditKey.fingerprint, mac: headMac(auditKey.key, row.seq, hash) })
    .where('id', '=', 1)
    .execute();
}

/**
 * A chain written before keyed chaining ends in an unauthenticated head. This appends a checkpoint
 * row, authenticated by the audit key, whose previous hash anchors the whole plain-SHA prefix.
 */
export async function checkpointLegacyChain(store: Store, actor: Actor): Promise<boolean> {
  const head = await store.db.selectFrom('audit_head').select(['seq', 'hash', 'mac']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.mac !== null || Number(head.seq) === 0) return false;
  await store.transaction((tx) =>
    recordAudit(tx, { actor, action: 'audit.checkpoint', resourceType: 'audit_log', after: { reason: 'keyed chaining enabled', legacyRows: Number(head.seq), legacyHead: head.hash } }),
  );
  return true;
}

export interface AuditQuery {
  /** Only this project's entries (a project admin's view); undefined for the owner's whole log. */
  projectId?: string;
  /** Return entries with seq greater than this (the previous page's cursor). */
  after?: number;
  limit?: number;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  actorId?: string;
}

export interface AuditPage {
  data: AuditEntry[];
  nextCursor: string | null;
}

export async function listAudit(db: Db, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').limit(limit + 1);
  if (query.projectId !== undefined) q = q.where('project_id', '=', query.projectId);
  if (query.after !== undefined) q = q.where('seq', '>', query.after);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.resourceType) q = q.where('resource_type', '=', query.resourceType);
  if (query.resourceId) q = q.where('resource_id', '=', query.resourceId);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  return {
    data: page.map(toEntry),
    nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
  };
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: new Date(Number(row.at)).toISOString(),
    projectId: row.project_id,
    actor: { id: row.actor_id, name: row.actor_name },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    before: fromJsonColumn(row.before_json, null),
    after: fromJsonColumn(row.after_json, null),
    hash: row.hash,
  };
}

/** Walks the whole chain and reports the first row whose content or order was changed or removed. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<AuditVerification> {
  const keys = await auditKeysOf(db);
  const head = await db.selectFrom('audit_head').select(['seq', 'hash', 'mac_key', 'mac']).where('id', '=', 1).executeTakeFirstOrThrow();
  // Rows appended after the head was read are not part of what is verified.
  return verifyAuditRows(auditRowsInOrder(db, Number(head.seq), batchSize), head, keys);
}

/** Every audit row up to `upTo` in seq order, read in batches. */
export async function* auditRowsInOrder(db: Db, upTo: number, batchSize = 1000): AsyncGenerator<AuditLogTable> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).where('seq', '<=', upTo).orderBy('seq', 'asc').limit(batchSize).execute();
    yield* rows;
    if (rows.length < batchSize) return;
    after = Number(rows[rows.length - 1].seq);
  }
}
