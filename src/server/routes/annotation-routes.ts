// Annotation queues: create from a trace filter, take the next item, annotate it, read agreement.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AnnotateBodySchema,
  AnnotationQueueSchema,
  AnnotationSchema,
  CreateAnnotationQueueBodySchema,
  FieldAgreementSchema,
  NextAnnotationItemSchema,
  QueueItemParamsSchema,
} from '../../contracts/annotation-contract.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf } from '../../contracts/common-contract.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

export const annotationRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['annotation'];
  const annotation = services.annotation;

  app.get('/api/annotation/queues', { config: { role: 'viewer' }, schema: { tags, summary: 'Annotation queues', response: { 200: listOf(AnnotationQueueSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: await annotation.listQueues(actorOf(request).projectId) }));
  app.post('/api/annotation/queues', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Create a queue from a trace filter, with a score schema and annotator keys', body: CreateAnnotationQueueBodySchema, response: { 201: AnnotationQueueSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await annotation.createQueue(actorOf(request), request.body)));
  app.get('/api/annotation/queues/:id', { config: { role: 'viewer' }, schema: { tags, summary: 'A queue with its progress', params: IdParamsSchema, response: { 200: AnnotationQueueSchema, ...ERROR_RESPONSES } } }, async (request) => annotation.getQueue(actorOf(request).projectId, request.params.id));
  app.get('/api/annotation/queues/:id/next', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The next item for the calling annotator (null when done)', params: IdParamsSchema, response: { 200: NextAnnotationItemSchema, ...ERROR_RESPONSES } },
  }, async (request) => ({ item: await annotation.next(actorOf(request), request.params.id) }));
  app.post('/api/annotation/queues/:id/items/:traceId', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Annotate an item (values must fit the score schema)', params: QueueItemParamsSchema, body: AnnotateBodySchema, response: { 201: AnnotationSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await annotation.annotate(actorOf(request), request.params.id, request.params.traceId, request.body.values)));
  app.get('/api/annotation/queues/:id/agreement', {
    config: { role: 'viewer' },
    schema: { tags, summary: "Agreement per field (Krippendorff's alpha; Cohen's kappa for two annotators)", params: IdParamsSchema, response: { 200: listOf(FieldAgreementSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await annotation.agreement(actorOf(request).projectId, request.params.id) }));
};
