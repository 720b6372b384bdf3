// The audit log as JSON lines for an external archive: a header, the retired audit keys (sealed
// under the master key, so the file holds no key in the clear), every row exactly as stored, and
// the authenticated head. `verifyAuditExport` checks such a file with the master key alone — the
// same verification as the database's, so an archived copy proves what the log said when exported.
import type { AuditKeysTable, AuditLogTable, Db } from '../../store/index.js';
import { StewardError } from '../../errors/index.js';
import { type AuditVerification, type ChainHead, normaliseRow, verifyAuditRows } from './audit-chain.js';
import { openRetiredKeys } from './audit-keys.js';
import { auditRowsInOrder } from './audit-log.js';

export const AUDIT_EXPORT_FORMAT = 'steward-audit-export/1';

export type AuditExportLine =
  | { type: 'header'; format: typeof AUDIT_EXPORT_FORMAT; exportedAt: string; mac: 'hmac-sha256'; kdf: 'hkdf-sha256'; rows: number }
  | ({ type: 'key' } & Pick<AuditKeysTable, 'fingerprint' | 'sealed' | 'master_fingerprint'> & { retired_at: number })
  | ({ type: 'row' } & AuditLogTable)
  | ({ type: 'head' } & ChainHead);

/** Every line of an export, read under one head so concurrent appends do not tear it. */
export async function* exportAuditLines(db: Db, now: () => number = Date.now): AsyncGenerator<AuditExportLine> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash', 'mac_key', 'mac']).where('id', '=', 1).executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  yield { type: 'header', format: AUDIT_EXPORT_FORMAT, exportedAt: new Date(now()).toISOString(), mac: 'hmac-sha256', kdf: 'hkdf-sha256', rows: seq };
  for (const key of await db.selectFrom('audit_keys').selectAll().orderBy('retired_at').execute()) {
    yield { type: 'key', fingerprint: key.fingerprint, sealed: key.sealed, master_fingerprint: key.master_fingerprint, retired_at: Number(key.retired_at) };
  }
  for await (const row of auditRowsInOrder(db, seq)) yield { type: 'row', ...normaliseRow(row) };
  yield { type: 'head', seq, hash: head.hash, mac_key: head.mac_key, mac: head.mac };
}

/** Verifies an export (its lines, parsed) with the master key that was current when it was written. */
export async function verifyAuditExport(lines: AsyncIterable<string> | Iterable<string>, masterKey: Buffer): Promise<AuditVerification> {
  const keys: { fingerprint: string; sealed: string }[] = [];
  const rows: AuditLogTable[] = [];
  let head: ChainHead | undefined;
  let header = false;
  let lineNo = 0;
  for await (const text of lines) {
    lineNo++;
    if (!text.trim()) continue;
    let line: AuditExportLine;
    try {
      line = JSON.parse(text) as AuditExportLine;
    } catch {
      throw new StewardError({ code: 'VALIDATION_FAILED', message: `export line ${lineNo} is not JSON` });
    }
    if (line.type === 'header') {
      if (line.format !== AUDIT_EXPORT_FORMAT) throw new StewardError({ code: 'VALIDATION_FAILED', message: `not a ${AUDIT_EXPORT_FORMAT} file (format ${String(line.format)})` });
      header = true;
    } else if (line.type === 'key') keys.push(line);
    else if (line.type === 'row') {
      const { type: _type, ...row } = line;
      rows.push(row);
    } else if (line.type === 'head') {
      const { type: _type, ...rest } = line;
      head = rest;
    }
  }
  if (!header) throw new StewardError({ code: 'VALIDATION_FAILED', message: `no ${AUDIT_EXPORT_FORMAT} header line` });
  if (!head) return { ok: false, checked: 0, firstBrokenSeq: rows.length + 1, reason: 'the export has no head line (it was cut short)' };
  return verifyAuditRows(rows, head, openRetiredKeys(masterKey, keys));
}
