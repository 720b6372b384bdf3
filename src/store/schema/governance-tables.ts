// Tables of the governance part: projects, API keys, encrypted secrets and the audit log.
// Times are epoch milliseconds; JSON is stored as text on both engines.

export interface ProjectsTable {
  id: string;
  name: string;
  description: string;
  created_at: number;
  /** Soft delete: its keys stop working at once; the data goes after `purge_after`. */
  deleted_at: number | null;
  purge_after: number | null;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  name: string;
  /** First characters of the key, shown in listings. */
  prefix: string;
  /** SHA-256 of the whole key, hex. Keys are random 32-byte values, so a fast hash is enough. */
  hash: string;
  role: string;
  created_at: number;
  created_by: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
  /** The key this one replaced by rotation. */
  rotated_from: string | null;
}

export interface SecretsTable {
  id: string;
  project_id: string;
  name: string;
  /** base64(iv | tag | ciphertext) under the master key. */
  ciphertext: string;
  /** Fingerprint of the master key that encrypted it. */
  key_fingerprint: string;
  created_at: number;
  updated_at: number;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: number;
  project_id: string | null;
  actor_id: string | null;
  actor_name: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** One row, locked by each append, holding the chain's head so appends are serialised. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface GovernanceTables {
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  secrets: SecretsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
