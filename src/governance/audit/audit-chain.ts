// How one audit row is authenticated and how a whole chain is verified — the same code for the
// database and for an exported file. A row's hash is HMAC-SHA256 under the audit key it names over
// the previous row's hash and the row's canonical content; rows written before keyed chaining
// (mac_key null) keep their plain SHA-256 and may only form the chain's beginning. The head's own
// MAC authenticates where the chain ends, so recomputing plain hashes and the head — or passing the
// whole chain off as "legacy" — is caught without the key.
import { createHash } from 'node:crypto';
import type { AuditHeadTable, AuditLogTable } from '../../store/index.js';
import { canonicalJson } from './canonical-json.js';
import { headMac, hmacHex } from './audit-keys.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditRowContent = Omit<AuditLogTable, 'hash'>;

/** The row normalised as both engines and JSON files return it (bigints as numbers). */
export function normaliseRow<T extends AuditRowContent>(row: T): T {
  return { ...row, seq: Number(row.seq), at: Number(row.at), mac_key: row.mac_key ?? null };
}

/** The hash of one row: HMAC under `key` when the row names an audit key, plain SHA-256 for rows from before. */
export function hashAuditRow(row: AuditRowContent, key?: Buffer): string {
  const { prev_hash, mac_key, ...content } = normaliseRow(row);
  if (mac_key === null) return createHash('sha256').update(prev_hash).update('\n').update(canonicalJson(content)).digest('hex');
  if (!key) throw new Error(`audit row ${row.seq} needs audit key ${mac_key}`);
  return hmacHex(key, prev_hash, canonicalJson({ ...content, mac_key }));
}

export interface AuditVerification {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  /** The first row whose content or position was changed, or where rows are missing. */
  firstBrokenSeq: number | null;
  reason: string | null;
  /** Rows authenticated by an audit key (the rest are plain SHA-256 rows from before keyed chaining). */
  authenticated?: number;
}

export type ChainHead = Pick<AuditHeadTable, 'seq' | 'hash' | 'mac_key' | 'mac'>;

/** Verifies rows in seq order (starting at 1) against the head, with the audit keys known by fingerprint. */
export async function verifyAuditRows(rows: AsyncIterable<AuditLogTable> | Iterable<AuditLogTable>, head: ChainHead, keys: Map<string, Buffer>): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let authenticated = 0;
  const broken = (seq: number, reason: string): AuditVerification => ({ ok: false, checked, firstBrokenSeq: seq, reason, authenticated });
  for await (const raw of rows) {
    const row = normaliseRow(raw);
    const seq = row.seq;
    if (seq !== expectedSeq) return broken(expectedSeq, `row ${expectedSeq} is missing (next row is ${seq})`);
    if (row.prev_hash !== prevHash) return broken(seq, `row ${seq} does not follow row ${seq - 1} (previous hash differs)`);
    const { hash, ...rest } = row;
    if (row.mac_key === null) {
      if (authenticated > 0) return broken(seq, `row ${seq} is not authenticated but follows authenticated rows (it was rewritten)`);
      if (hashAuditRow(rest) !== hash) return broken(seq, `row ${seq} was changed (hash differs)`);
    } else {
      const key = keys.get(row.mac_key);
      if (!key) return broken(seq, `row ${seq} names audit key ${row.mac_key}, which this master key cannot open (a retired key is missing, or the row was forged)`);
      if (hashAuditRow(rest, key) !== hash) return broken(seq, `row ${seq} was changed (its HMAC differs)`);
      authenticated++;
    }
    prevHash = hash;
    expectedSeq = seq + 1;
    checked++;
  }
  const headSeq = Number(head.seq);
  if (headSeq !== expectedSeq - 1 || head.hash !== prevHash) {
    return broken(expectedSeq, `rows after ${expectedSeq - 1} were removed (the chain head is at ${head.seq})`);
  }
  if (headSeq > 0) {
    const key = head.mac_key ? keys.get(head.mac_key) : undefined;
    if (!key || head.mac !== headMac(key, headSeq, head.hash)) {
      return broken(headSeq, 'the chain head is not authenticated by the audit key (the chain was rewritten or cut short)');
    }
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null, authenticated };
}
