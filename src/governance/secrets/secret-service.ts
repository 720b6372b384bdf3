// Provider credentials and other secrets, stored sealed. No method returns a secret to an API
// caller: listings are masked; only `reveal` (for the process's own use) opens one.
import { hkdfSync, randomBytes } from 'node:crypto';
import type { SecretsTable, Store } from '../../store/index.js';
import { isUniqueViolation, newId } from '../../store/index.js';
import { StewardError, conflict, notFound } from '../../errors/index.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { deriveAuditKey, installAuditKey } from '../audit/audit-keys.js';
import { type MasterKeySource, parseMasterKey, writeMasterKeyFile } from './master-key.js';
import { SecretBox } from './secret-box.js';

export interface SecretSummary {
  id: string;
  projectId: string;
  name: string;
  /** Always masked: the value never leaves the server. */
  value: '********';
  createdAt: string;
  updatedAt: string;
}

function toSummary(row: SecretsTable): SecretSummary {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    value: '********',
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

export class SecretService {
  readonly #store: Store;
  #box: SecretBox;
  #source: MasterKeySource;

  constructor(options: { store: Store; masterKey: MasterKeySource }) {
    this.#store = options.store;
    this.#source = options.masterKey;
    this.#box = new SecretBox(options.masterKey.key);
    installAuditKey(this.#store.db, options.masterKey.key);
  }

  async put(actor: Actor, input: { name: string; value: string; projectId?: string }): Promise<SecretSummary> {
    const projectId = input.projectId ?? actor.projectId;
    const now = Date.now();
    const sealed = this.#box.seal(input.value);
    try {
      return await this.#store.transaction(async (tx) => {
        const existing = await tx.selectFrom('secrets').selectAll().where('project_id', '=', projectId).where('name', '=', input.name).executeTakeFirst();
        if (existing) {
          await tx.updateTable('secrets').set({ ciphertext: sealed, key_fingerprint: this.#box.fingerprint, updated_at: now }).where('id', '=', existing.id).execute();
          await recordAudit(tx, { actor, action: 'secrets.update', resourceType: 'secret', resourceId: existing.id, after: { name: input.name } });
          return toSummary({ ...existing, updated_at: now });
        }
        const row: SecretsTable = { id: newId('sec'), project_id: projectId, name: input.name, ciphertext: sealed, key_fingerprint: this.#box.fingerprint, created_at: now, updated_at: now };
        await tx.insertInto('secrets').values(row).execute();
        await recordAudit(tx, { actor, action: 'secrets.create', resourceType: 'secret', resourceId: row.id, after: { name: input.name } });
        return toSummary(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`secret ${input.name} was created concurrently; retry`);
      throw error;
    }
  }

  async list(projectId: string): Promise<SecretSummary[]> {
    const rows = await this.#store.db.selectFrom('secrets').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    return rows.map(toSummary);
  }

  /**
   * A 32-byte key for one purpose (`oidc-login`…), derived from the master key with HKDF so no
   * purpose ever uses the master key itself. It changes when the master key is rotated.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#source.key, 'steward-purpose', purpose, 32));
  }

  /** Opens a secret for the server's own use (calling a provider). Never send the result to a client. */
  async reveal(projectId: string, name: string): Promise<string> {
    const row = await this.#store.db.selectFrom('secrets').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    if (!row) throw notFound(`secret ${name}`);
    return this.#box.open(row.ciphertext);
  }

  async remove(actor: Actor, projectId: string, name: string): Promise<void> {
    await this.#store.transaction(async (tx) => {
      const row = await tx.selectFrom('secrets').select(['id']).where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
      if (!row) throw notFound(`secret ${name}`);
      await tx.deleteFrom('secrets').where('id', '=', row.id).execute();
      await recordAudit(tx, { actor, action: 'secrets.delete', resourceType: 'secret', resourceId: row.id, before: { name } });
    });
  }

  /**
   * Re-encrypts every secret under a new master key in one transaction; then replaces the key file.
   * When the key came from STEWARD_MASTER_KEY the operator supplies the new key (and updates the
   * variable), since Steward cannot change the environment. Returns how many secrets were re-sealed.
   */
  async rotateMasterKey(actor: Actor, options: { newKey?: string } = {}): Promise<{ rotated: number; fingerprint: string }> {
    if (this.#source.origin === 'env' && !options.newKey) {
      throw new StewardError({
        code: 'PRECONDITION_FAILED',
        message: 'the master key comes from STEWARD_MASTER_KEY: pass the new key (newKey), then set STEWARD_MASTER_KEY to it',
      });
    }
    // A malformed key in the request is the caller's mistake (400), not a broken configuration (500).
    let newKey: Buffer;
    try {
      newKey = options.newKey !== undefined ? parseMasterKey(options.newKey) : randomBytes(32);
    } catch {
      throw new StewardError({ code: 'VALIDATION_FAILED', message: 'newKey: expected 32 bytes as 64 hex characters or base64', details: { field: 'newKey' } });
    }
    const next = new SecretBox(newKey);
    const old = this.#box;
    const oldAuditKey = deriveAuditKey(this.#source.key);
    const newAuditKey = deriveAuditKey(newKey);
    const rotated = await this.#store.transaction(async (tx) => {
      const rows = await tx.selectFrom('secrets').selectAll().execute();
      for (const row of rows) {
        const sealed = next.seal(old.open(row.ciphertext));
        await tx.updateTable('secrets').set({ ciphertext: sealed, key_fingerprint: next.fingerprint }).where('id', '=', row.id).execute();
      }
      // The audit chain is checkpointed, not rewritten: rows so far stay authenticated by the old
      // audit key, which is kept sealed under the new master key (with the keys retired before it).
      for (const retired of await tx.selectFrom('audit_keys').selectAll().execute()) {
        await tx.updateTable('audit_keys').set({ sealed: next.seal(old.open(retired.sealed)), master_fingerprint: next.fingerprint }).where('fingerprint', '=', retired.fingerprint).execute();
      }
      if (oldAuditKey.fingerprint !== newAuditKey.fingerprint) {
        await tx.deleteFrom('audit_keys').where('fingerprint', '=', oldAuditKey.fingerprint).execute();
        await tx.insertInto('audit_keys').values({ fingerprint: oldAuditKey.fingerprint, sealed: next.seal(oldAuditKey.key.toString('base64')), master_fingerprint: next.fingerprint, retired_at: Date.now() }).execute();
      }
      await recordAudit(tx, {
        actor,
        action: 'secrets.rotate-master-key',
        resourceType: 'master_key',
        before: { fingerprint: old.fingerprint },
        after: { fingerprint: next.fingerprint, secrets: rows.length, auditKey: { retired: oldAuditKey.fingerprint, next: newAuditKey.fingerprint } },
      });
      return rows.length;
    });
    if (this.#source.origin !== 'env') writeMasterKeyFile(this.#source.origin, newKey);
    this.#source = { key: newKey, origin: this.#source.origin };
    this.#box = next;
    installAuditKey(this.#store.db, newKey);
    return { rotated, fingerprint: next.fingerprint };
  }
}
