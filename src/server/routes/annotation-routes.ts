// Annotation queues: create from a trace filter, take the next item, annotate it, read agreement.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const QueueSchema = z.object({ id: z.string(), name: z.string(), schema: z.record(z.string(), z.unknown()), filter: z.object({ route: z.string().optional(), model: z.string().optional(), status: z.string().optional(), thumb: z.string().optional(), from: z.number().optional(), to: z.number().optional(), limit: z.number().optional() }), annotators: z.array(z.string()), perItem: z.number(), items: z.number(), annotated: z.number(), createdAt: z.string() });
const FilterSchema = z.object({ route: z.string().optional(), model: z.string().optional(), status: z.enum(['ok', 'error']).optional(), thumb: z.enum(['up', 'down']).optional(), from: z.number().int().optional(), to: z.number().int().optional(), limit: z.number().int().min(1).max(10_000).optional() }).strict();

export const annotationRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['annotation'];
  const annotation = services.annotation;

  app.get('/api/annotation/queues', { config: { role: 'viewer' }, schema: { tags, summary: 'Annotation queues', response: { 200: listOf(QueueSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: await annotation.listQueues(actorOf(request).projectId) }));
  app.post('/api/annotation/queues', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create a queue from a trace filter, with a score schema and annotator keys',
      body: z.object({ name: z.string().trim().min(1).max(100), schema: z.record(z.string(), z.unknown()).describe('{ fields: [{ name, type: categorical|numeric|boolean, options | min,max }] }'), filter: FilterSchema.optional(), annotators: z.array(z.string().min(1)).optional(), perItem: z.number().int().min(1).max(10).optional() }).strict(),
      response: { 201: QueueSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await annotation.createQueue(actorOf(request), request.body)));
  app.get('/api/annotation/queues/:id', { config: { role: 'viewer' }, schema: { tags, summary: 'A queue with its progress', params: IdParamsSchema, response: { 200: QueueSchema, ...ERROR_RESPONSES } } }, async (request) => annotation.getQueue(actorOf(request).projectId, request.params.id));
  app.get('/api/annotation/queues/:id/next', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The next item for the calling annotator (null when done)', params: IdParamsSchema, response: { 200: z.object({ item: z.object({ traceId: z.string(), position: z.number(), request: z.unknown(), response: z.unknown() }).nullable() }), ...ERROR_RESPONSES } },
  }, async (request) => ({ item: await annotation.next(actorOf(request), request.params.id) }));
  app.post('/api/annotation/queues/:id/items/:traceId', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Annotate an item (values must fit the score schema)', params: z.object({ id: z.string(), traceId: z.string() }), body: z.object({ values: z.record(z.string(), z.unknown()) }).strict(), response: { 201: z.object({ id: z.string(), values: z.record(z.string(), z.unknown()) }), ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await annotation.annotate(actorOf(request), request.params.id, request.params.traceId, request.body.values)));
  app.get('/api/annotation/queues/:id/agreement', {
    config: { role: 'viewer' },
    schema: { tags, summary: "Agreement per field (Krippendorff's alpha; Cohen's kappa for two annotators)", params: IdParamsSchema, response: { 200: listOf(z.object({ field: z.string(), items: z.number(), alpha: z.number().nullable(), cohensKappa: z.number().nullable() })), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await annotation.agreement(actorOf(request).projectId, request.params.id) }));
};
