// The audit log: a project admin pages through its project's entries, the owner through all of
// them; verifying the chain walks every project's rows, so it is the owner's.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit, verifyAuditChain, visibleProject } from '../../governance/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, pageOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const AuditEntrySchema = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  projectId: z.string().nullable(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

export const auditRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  app.get('/api/audit', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'Page through the audit log, oldest first',
      querystring: z.object({
        cursor: z.string().regex(/^\d+$/, 'a cursor from next_cursor').optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        action: z.string().optional(),
        resourceType: z.string().optional(),
        resourceId: z.string().optional(),
        actorId: z.string().optional(),
      }),
      response: { 200: pageOf(AuditEntrySchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { cursor, ...filter } = request.query;
    const page = await listAudit(services.store.db, { ...filter, projectId: visibleProject(actorOf(request)), after: cursor ? Number(cursor) : undefined });
    return { data: page.data, next_cursor: page.nextCursor };
  });

  app.get('/api/audit/verify', {
    config: { role: 'owner' },
    schema: {
      tags,
      summary: 'Verify the hash chain: the first row changed, reordered or removed',
      response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBrokenSeq: z.number().nullable(), reason: z.string().nullable(), authenticated: z.number().optional().describe('rows authenticated by an audit key (HMAC); the rest are plain SHA-256 rows from before') }), ...ERROR_RESPONSES },
    },
  }, async () => verifyAuditChain(services.store.db));
};
