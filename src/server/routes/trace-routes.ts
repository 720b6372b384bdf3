// /api/traces and /api/feedback: read gateway traces (filtered, paged by cursor) and attach feedback.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from '../../contracts/common-contract.js';
import { CreateFeedbackBodySchema, FeedbackSchema, TraceQuerySchema, TraceSchema } from '../../contracts/trace-contract.js';
import type { RouteModule } from './route-module.js';

export const traceRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { traces, feedback, traceWriter } = services.gatewayServices;

  app.get('/api/traces', { config: { role: 'viewer' }, schema: { tags: ['traces'], summary: 'List traces, newest first', querystring: TraceQuerySchema, response: { 200: pageOf(TraceSchema), ...ERROR_RESPONSES } } }, async (request) => {
    const q = request.query;
    const page = await traces.list(actorOf(request).projectId, {
      route: q.route,
      model: q.model,
      status: q.status,
      keyId: q.keyId,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      cursor: q.cursor,
      limit: q.limit,
      withoutBodies: !q.bodies,
    });
    return { data: page.data, next_cursor: page.nextCursor };
  });

  app.get('/api/traces/:id', { config: { role: 'viewer' }, schema: { tags: ['traces'], summary: 'Get a trace with its attempts, bodies and feedback', params: IdParamsSchema, response: { 200: TraceSchema, ...ERROR_RESPONSES } } }, async (request) => {
    // A trace written a moment ago may still be in the writer's buffer.
    const { projectId } = actorOf(request);
    if (!(await traces.exists(projectId, request.params.id))) await traceWriter.flush();
    const trace = await traces.get(projectId, request.params.id);
    return { ...trace, feedback: await feedback.forTrace(projectId, trace.id) };
  });

  app.post('/api/feedback', { config: { role: 'viewer' }, schema: { tags: ['feedback'], summary: 'Attach a thumb, rating, comment or correction to a trace', body: CreateFeedbackBodySchema, response: { 201: FeedbackSchema, ...ERROR_RESPONSES } } }, async (request, reply) =>
    reply.code(201).send(await feedback.add(actorOf(request), request.body)),
  );

  app.get('/api/traces/:id/feedback', { config: { role: 'viewer' }, schema: { tags: ['feedback'], summary: 'Feedback on a trace', params: IdParamsSchema, response: { 200: listOf(FeedbackSchema), ...ERROR_RESPONSES } } }, async (request) => ({
    data: await feedback.forTrace(actorOf(request).projectId, request.params.id),
  }));
};
