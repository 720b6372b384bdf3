// The audit log: a project admin pages through its project's entries, the owner through all of
// them; verifying the chain walks every project's rows, so it is the owner's.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listAudit, verifyAuditChain, visibleProject } from '../../governance/index.js';
import { actorOf } from '../auth-plugin.js';
import { AuditEntrySchema, AuditQuerySchema, AuditVerificationSchema } from '../../contracts/audit-contract.js';
import { ERROR_RESPONSES, pageOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

export const auditRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  app.get('/api/audit', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'Page through the audit log, oldest first',
      querystring: AuditQuerySchema,
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
      response: { 200: AuditVerificationSchema, ...ERROR_RESPONSES },
    },
  }, async () => verifyAuditChain(services.store.db));
};
