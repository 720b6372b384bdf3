// Declarative configuration over HTTP: POST /api/apply (plan, and apply in one transaction unless
// dryRun) and GET /api/export (the current state in the same format).
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ERROR_RESPONSES } from '../../contracts/common-contract.js';
import { ApplyBodySchema, ApplyResultSchema, DeclarativeDocumentSchema } from '../../contracts/declarative-contract.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

export const applyRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['declarative'];
  const { declarative } = services.deployments;

  app.post('/api/apply', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Plan a declarative document (models, versions, prompts, routes) and apply it in one transaction unless dryRun',
      body: ApplyBodySchema,
      response: { 200: ApplyResultSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => declarative.apply(actorOf(request), request.body.document, { dryRun: request.body.dryRun }));

  // The service assembles the document from stored records with the document schema's loose input
  // types; the response serializer validates it against the contract (and, with strict responses,
  // refuses to drop a field the contract lacks), so the answer is checked once, where every answer is.
  app.get('/api/export', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The current models, prompts and routes in the steward.yaml format', response: { 200: DeclarativeDocumentSchema, ...ERROR_RESPONSES } },
  }, async (request) => (await declarative.export(actorOf(request).projectId)) as unknown as z.infer<typeof DeclarativeDocumentSchema>);
};
