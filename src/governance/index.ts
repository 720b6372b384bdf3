// Governance: projects, API keys and roles, encrypted secrets, and the hash-chained audit log.
export { type Actor, systemActor, isInstanceOwner, visibleProject } from './actor.js';
export { ROLES, PROJECT_ROLES, REQUIRED_ROLES, ROLE_DESCRIPTIONS, type Role, type RequiredRole, roleAllows, rolesAllowed, isRole } from './roles.js';
export { ProjectService, DEFAULT_PROJECT, type Project } from './projects/project-service.js';
export { ApiKeyService, API_KEYS_TOPIC, type ApiKeyRecord, type CreatedKey, type CreateKeyInput } from './keys/api-key-service.js';
export { generateApiKey, hashApiKey, keyPrefix, KEY_PREFIX } from './keys/api-key-format.js';
export { SecretBox } from './secrets/secret-box.js';
export { loadMasterKey, parseMasterKey, MASTER_KEY_FILE, type MasterKeySource } from './secrets/master-key.js';
export { SecretService, type SecretSummary } from './secrets/secret-service.js';
export {
  recordAudit,
  listAudit,
  verifyAuditChain,
  checkpointLegacyChain,
  auditRowsInOrder,
  hashAuditRow,
  GENESIS_HASH,
  type AuditInput,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type AuditVerification,
} from './audit/audit-log.js';
export { verifyAuditRows, type ChainHead } from './audit/audit-chain.js';
export { deriveAuditKey, openRetiredKeys, installAuditKey } from './audit/audit-keys.js';
export { exportAuditLines, verifyAuditExport, AUDIT_EXPORT_FORMAT, type AuditExportLine } from './audit/audit-export.js';
export { UserSessionService, type NewSession, type ResolvedSession, type SessionIdentity } from './sessions/user-session-service.js';
export { OidcSettingsSchema, PERSON_ROLES, type OidcSettings } from './sessions/oidc-settings.js';
export { mapClaims, claimValues, type MappedGrant } from './sessions/claim-mapping.js';
