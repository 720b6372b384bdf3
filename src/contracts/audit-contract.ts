// The audit log (/api/audit): append-only, hash-chained entries of every change, and the
// verification of the chain.
import { z } from 'zod';
import { ActorRefSchema } from './common-contract.js';
import { JsonValueSchema } from './json-contract.js';

export const AuditEntrySchema = z
  .object({
    seq: z.number(),
    id: z.string(),
    at: z.string(),
    projectId: z.string().nullable(),
    actor: ActorRefSchema,
    action: z.string().describe('e.g. routes.put, keys.create, alerts.rule.update'),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    // Snapshots of whatever resource changed, secrets already removed.
    before: JsonValueSchema,
    after: JsonValueSchema,
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.object({
  cursor: z.string().regex(/^\d+$/, 'a cursor from next_cursor').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  action: z.string().optional(),
  resourceType: z.string().optional(),
  resourceId: z.string().optional(),
  actorId: z.string().optional(),
});

export const AuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number(),
    firstBrokenSeq: z.number().nullable(),
    reason: z.string().nullable(),
    authenticated: z.number().optional().describe('rows authenticated by an audit key (HMAC); the rest are plain SHA-256 rows from before'),
  })
  .meta({ id: 'AuditVerification' });
