// Drift monitors: CRUD, a run now, and stored results (also recorded as metrics for alerts).
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf } from './common-schemas.js';
import type { RouteModule } from './route-module.js';

const MonitorSchema = z.object({ id: z.string(), name: z.string(), config: z.record(z.string(), z.unknown()), createdAt: z.string() });
const ResultSchema = z.object({
  id: z.string(),
  at: z.string(),
  feature: z.string(),
  test: z.string(),
  statistic: z.number(),
  pValue: z.number().optional(),
  threshold: z.number(),
  drifted: z.boolean(),
  nReference: z.number(),
  nCurrent: z.number(),
  details: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});
const ConfigBody = z.record(z.string(), z.unknown()).describe('route, model, features, currentWindowSeconds, reference ({kind: window|dataset}), embeddingModel, test, maxSamples');

export const driftRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['drift'];
  const drift = services.monitoring.drift;

  app.get('/api/drift/monitors', { config: { role: 'viewer' }, schema: { tags, summary: 'Drift monitors', response: { 200: listOf(MonitorSchema) } } }, async (request) => ({ data: await drift.list(actorOf(request).projectId) }));
  app.post('/api/drift/monitors', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Create a drift monitor', body: z.object({ name: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/), config: ConfigBody }).strict(), response: { 201: MonitorSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await drift.create(actorOf(request), request.body)));
  app.get('/api/drift/monitors/:id', { config: { role: 'viewer' }, schema: { tags, summary: 'A drift monitor (by id or name)', params: IdParamsSchema, response: { 200: MonitorSchema, ...ERROR_RESPONSES } } }, async (request) => drift.get(actorOf(request).projectId, request.params.id));
  app.put('/api/drift/monitors/:id', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Replace a monitor’s configuration', params: IdParamsSchema, body: z.object({ config: ConfigBody }).strict(), response: { 200: MonitorSchema, ...ERROR_RESPONSES } },
  }, async (request) => drift.update(actorOf(request), request.params.id, request.body.config));
  app.delete('/api/drift/monitors/:id', { config: { role: 'developer' }, schema: { tags, summary: 'Delete a monitor and its results', params: IdParamsSchema, response: { 204: z.null(), ...ERROR_RESPONSES } } }, async (request, reply) => {
    await drift.remove(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
  app.post('/api/drift/monitors/:id/run', { config: { role: 'developer' }, schema: { tags, summary: 'Run the monitor now', params: IdParamsSchema, response: { 200: listOf(ResultSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: await drift.run(actorOf(request), request.params.id) }));
  app.get('/api/drift/monitors/:id/results', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Results, newest first', params: IdParamsSchema, querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }), response: { 200: listOf(ResultSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await drift.results(actorOf(request).projectId, request.params.id, request.query.limit) }));
};
