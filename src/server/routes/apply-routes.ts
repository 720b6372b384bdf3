// Declarative configuration over HTTP: POST /api/apply (plan, and apply in one transaction unless
// dryRun) and GET /api/export (the current state in the same format).
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PLAN_ACTIONS } from '../../declarative/index.js';
import { DeclaredPipelineSchema } from '../../pipelines/index.js';
import { UseCaseSchema } from '../../usecases/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const PlanEntrySchema = z.object({ kind: z.string(), name: z.string(), action: z.enum(PLAN_ACTIONS), detail: z.string().optional() });
const ApplyResultSchema = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  plan: z.array(PlanEntrySchema),
  summary: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), skipped: z.number() }),
});
const DocumentSchema = z.object({
  models: z.array(z.unknown()),
  prompts: z.array(z.unknown()),
  routes: z.array(z.unknown()),
  gates: z.array(z.unknown()),
  providers: z.array(z.unknown()),
  pipelines: z.array(DeclaredPipelineSchema),
  useCases: z.array(UseCaseSchema),
});

export const applyRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['declarative'];
  const { declarative } = services.deployments;

  app.post('/api/apply', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Plan a declarative document (models, versions, prompts, routes) and apply it in one transaction unless dryRun',
      body: z.object({ document: z.record(z.string(), z.unknown()), dryRun: z.boolean().default(false) }).strict(),
      response: { 200: ApplyResultSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => declarative.apply(actorOf(request), request.body.document, { dryRun: request.body.dryRun }));

  app.get('/api/export', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The current models, prompts and routes in the steward.yaml format', response: { 200: DocumentSchema, ...ERROR_RESPONSES } },
  }, async (request) => declarative.export(actorOf(request).projectId));
};
