// Drift monitors: CRUD, a run now, and stored results (also recorded as metrics for alerts).
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf } from '../../contracts/common-contract.js';
import { CreateDriftMonitorBodySchema, DriftMonitorSchema, DriftResultQuerySchema, DriftResultSchema, UpdateDriftMonitorBodySchema } from '../../contracts/drift-contract.js';
import type { RouteModule } from './route-module.js';

export const driftRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['drift'];
  const drift = services.monitoring.drift;

  app.get('/api/drift/monitors', { config: { role: 'viewer' }, schema: { tags, summary: 'Drift monitors', response: { 200: listOf(DriftMonitorSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: await drift.list(actorOf(request).projectId) }));
  app.post('/api/drift/monitors', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Create a drift monitor', body: CreateDriftMonitorBodySchema, response: { 201: DriftMonitorSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await drift.create(actorOf(request), request.body)));
  app.get('/api/drift/monitors/:id', { config: { role: 'viewer' }, schema: { tags, summary: 'A drift monitor (by id or name)', params: IdParamsSchema, response: { 200: DriftMonitorSchema, ...ERROR_RESPONSES } } }, async (request) => drift.get(actorOf(request).projectId, request.params.id));
  app.put('/api/drift/monitors/:id', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Replace a monitor’s configuration', params: IdParamsSchema, body: UpdateDriftMonitorBodySchema, response: { 200: DriftMonitorSchema, ...ERROR_RESPONSES } },
  }, async (request) => drift.update(actorOf(request), request.params.id, request.body.config));
  app.delete('/api/drift/monitors/:id', { config: { role: 'developer' }, schema: { tags, summary: 'Delete a monitor and its results', params: IdParamsSchema, response: { 204: z.null(), ...ERROR_RESPONSES } } }, async (request, reply) => {
    await drift.remove(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
  app.post('/api/drift/monitors/:id/run', { config: { role: 'developer' }, schema: { tags, summary: 'Run the monitor now', params: IdParamsSchema, response: { 200: listOf(DriftResultSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: await drift.run(actorOf(request), request.params.id) }));
  app.get('/api/drift/monitors/:id/results', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Results, newest first', params: IdParamsSchema, querystring: DriftResultQuerySchema, response: { 200: listOf(DriftResultSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await drift.results(actorOf(request).projectId, request.params.id, request.query.limit) }));
};
