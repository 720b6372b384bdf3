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
  /** HMAC-SHA256 (hex) under the audit key `mac_key`; plain SHA-256 for rows from before it. */
  hash: string;
  /** Fingerprint of the audit key that authenticated the row; null for rows from before migration 052. */
  mac_key: string | null;
}

/** One row, locked by each append, holding the chain's head so appends are serialised. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** The audit key that authenticated this head, and its MAC over (seq, hash). */
  mac_key: string | null;
  mac: string | null;
}

/** An audit key retired by a master key rotation, sealed under the current master key. */
export interface AuditKeysTable {
  fingerprint: string;
  sealed: string;
  master_fingerprint: string;
  retired_at: number;
}

/** A person's dashboard session (OpenID Connect sign-in); the cookie holds the id, the row its hash. */
export interface UserSessionsTable {
  id_hash: string;
  csrf_hash: string;
  project_id: string;
  role: string;
  /** The identity provider's `sub`, prefixed with the issuer's host. */
  subject: string;
  name: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface GovernanceTables {
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  secrets: SecretsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_keys: AuditKeysTable;
  user_sessions: UserSessionsTable;
}
