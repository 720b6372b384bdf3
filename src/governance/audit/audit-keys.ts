// The keys that authenticate the audit chain. The audit key is derived from the master key with
// HKDF (its own key, so a MAC never doubles as an encryption key), named by a fingerprint stored
// in each row. A store learns its master key from the SecretService (`installAuditKey`); appends and
// verification look it up from any query handle of that store, transaction or not, since Kysely
// gives every transaction the adapter of the instance it came from.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { Db, Tx } from '../../store/index.js';
import { StewardError } from '../../errors/index.js';
import { SecretBox } from '../secrets/secret-box.js';

export interface AuditKey {
  fingerprint: string;
  key: Buffer;
}

/** HKDF-SHA256(master key, salt "steward-audit", info "audit-chain-v1"): 32 bytes. */
export function deriveAuditKey(masterKey: Buffer): AuditKey {
  const key = Buffer.from(hkdfSync('sha256', masterKey, 'steward-audit', 'audit-chain-v1', 32));
  return { key, fingerprint: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

export function hmacHex(key: Buffer, ...parts: string[]): string {
  const mac = createHmac('sha256', key);
  parts.forEach((part, index) => {
    if (index > 0) mac.update('\n');
    mac.update(part);
  });
  return mac.digest('hex');
}

/** The MAC of the chain head: it authenticates where the chain ends. */
export function headMac(key: Buffer, seq: number, hash: string): string {
  return hmacHex(key, 'audit-head', String(seq), hash);
}

interface Keyring {
  masterKey: Buffer;
  current: AuditKey;
}

const keyrings = new WeakMap<object, Keyring>();

function handleOf(db: Db | Tx): object {
  return db.getExecutor().adapter;
}

/** Makes `db`'s store authenticate its audit rows with the key derived from `masterKey`. */
export function installAuditKey(db: Db, masterKey: Buffer): void {
  keyrings.set(handleOf(db), { masterKey: Buffer.from(masterKey), current: deriveAuditKey(masterKey) });
}

export function currentAuditKey(db: Db | Tx): AuditKey {
  const ring = keyrings.get(handleOf(db));
  if (!ring) {
    throw new StewardError({ code: 'INTERNAL', message: 'the audit log has no key: build a SecretService for this store before writing audit records' });
  }
  return ring.current;
}

/** Every audit key the store can verify with: the current one and those retired by rotations. */
export async function auditKeysOf(db: Db): Promise<Map<string, Buffer>> {
  const ring = keyrings.get(handleOf(db));
  if (!ring) throw new StewardError({ code: 'INTERNAL', message: 'the audit log has no key' });
  const rows = await db.selectFrom('audit_keys').selectAll().execute();
  return openRetiredKeys(ring.masterKey, rows);
}

/** The current key and the retired ones, opened with the master key; a key that does not open is left out. */
export function openRetiredKeys(masterKey: Buffer, rows: { fingerprint: string; sealed: string }[]): Map<string, Buffer> {
  const current = deriveAuditKey(masterKey);
  const keys = new Map<string, Buffer>([[current.fingerprint, current.key]]);
  const box = new SecretBox(masterKey);
  for (const row of rows) {
    try {
      const key = Buffer.from(box.open(row.sealed), 'base64');
      // The fingerprint is recomputed: a row cannot claim to hold a key it does not.
      const fingerprint = createHash('sha256').update(key).digest('hex').slice(0, 16);
      if (fingerprint === row.fingerprint) keys.set(fingerprint, key);
    } catch {
      // sealed under another master key or altered: verification reports rows under it as unverifiable
    }
  }
  return keys;
}
