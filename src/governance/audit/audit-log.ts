// The append-only, hash-chained audit log. Each management write records itself in the same
// transaction as the write, so there is never a change without its record nor a record without
// its change. Appends lock the chain head, which serialises them across replicas.
import { createHash } from 'node:crypto';
import type { AuditLogTable, Db, Tx } from '../../store/index.js';
import { fromJsonColumn, newId, toJsonColumn } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: Actor;
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

/** The hash of one row: its content and the previous row's hash. */
export function hashAuditRow(row: Omit<AuditLogTable, 'hash'>): string {
  const { prev_hash, ...content } = row;
  return createHash('sha256').update(prev_hash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** Appends one record inside `tx`. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  // Incrementing the head first takes its row lock: concurrent appends wait here.
  const head = await tx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: Omit<AuditLogTable, 'hash'> = {
    seq: Number(head.seq),
    id: newId('aud'),
    at: Date.now(),
    project_id: input.actor.projectId,
    actor_id: input.actor.id,
    actor_name: input.actor.name,
    action: input.action,
    resource_type: input.resourceType,
    resource_id: input.resourceId ?? null,
    before_json: toJsonColumn(input.before),
    after_json: toJsonColumn(input.after),
    prev_hash: head.hash,
  };
  const hash = hashAuditRow(row);
  await tx.insertInto('audit_log').values({ ...row, hash }).execute();
  await tx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
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

export interface AuditVerification {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  /** The first row whose content or position was changed, or where rows are missing. */
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Walks the whole chain and reports the first row whose content or order was changed or removed. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, reason: string): AuditVerification => ({ ok: false, checked, firstBrokenSeq: seq, reason });
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq', 'asc')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return broken(expectedSeq, `row ${expectedSeq} is missing (next row is ${seq})`);
      if (row.prev_hash !== prevHash) return broken(seq, `row ${seq} does not follow row ${seq - 1} (previous hash differs)`);
      const { hash, ...rest } = row;
      if (hashAuditRow({ ...rest, seq, at: Number(row.at) }) !== hash) return broken(seq, `row ${seq} was changed (hash differs)`);
      prevHash = hash;
      expectedSeq = seq + 1;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
    return broken(expectedSeq, `rows after ${expectedSeq - 1} were removed (the chain head is at ${head.seq})`);
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}
