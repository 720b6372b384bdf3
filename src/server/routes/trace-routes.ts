// /api/traces and /api/feedback: read gateway traces (filtered, paged by cursor) and attach feedback.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { THUMBS } from '../../feedback/index.js';
import { TRACE_STATUSES } from '../../monitoring/traces/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from './common-schemas.js';
import type { RouteModule } from './route-module.js';

const AttemptSchema = z.object({ provider: z.string(), model: z.string(), status: z.number().nullable(), latencyMs: z.number(), error: z.string().nullable(), outcome: z.string() });
const FeedbackSchema = z.object({
  id: z.string(),
  traceId: z.string(),
  createdAt: z.string(),
  thumb: z.enum(THUMBS).nullable(),
  rating: z.number().nullable(),
  comment: z.string().nullable(),
  correction: z.string().nullable(),
  source: z.string(),
  annotator: z.string().nullable(),
});
const TraceSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  endpoint: z.string(),
  surface: z.object({ name: z.string(), translated: z.boolean() }).nullable().optional().describe('The API surface the call came in on (responses, messages) and whether it was translated to chat completions'),
  requestedModel: z.string(),
  route: z.string().nullable(),
  routeRevision: z.number().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  versionId: z.string().nullable(),
  promptVersionId: z.string().nullable(),
  status: z.string(),
  httpStatus: z.number(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  stream: z.boolean(),
  cacheHit: z.boolean(),
  keyId: z.string().nullable(),
  user: z.string().nullable().describe('Keyed pseudonym of the request’s user field'),
  batchId: z.string().nullable(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  ttftMs: z.number().nullable(),
  latencyMs: z.number(),
  overheadMs: z.number().nullable(),
  attempts: z.array(AttemptSchema),
  request: z.unknown().optional(),
  response: z.unknown().optional(),
  feedback: z.array(FeedbackSchema).optional(),
});

const TraceQuery = z.object({
  route: z.string().optional(),
  model: z.string().optional(),
  status: z.enum(TRACE_STATUSES).optional(),
  keyId: z.string().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  bodies: z.stringbool().default(false).describe('Include request and response bodies'),
});

const FeedbackBody = z
  .object({
    traceId: z.string().min(1),
    thumb: z.enum(THUMBS).optional(),
    rating: z.number().int().min(1).max(5).optional(),
    comment: z.string().max(10_000).optional(),
    correction: z.string().max(100_000).optional().describe('The answer the model should have given'),
    source: z.string().min(1).max(100).optional().describe('Who gave it: user (default), annotator, api…'),
    annotator: z.string().max(200).optional(),
  })
  .strict();

export const traceRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { traces, feedback, traceWriter } = services.gatewayServices;

  app.get('/api/traces', { config: { role: 'viewer' }, schema: { tags: ['traces'], summary: 'List traces, newest first', querystring: TraceQuery, response: { 200: pageOf(TraceSchema), ...ERROR_RESPONSES } } }, async (request) => {
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

  app.post('/api/feedback', { config: { role: 'viewer' }, schema: { tags: ['feedback'], summary: 'Attach a thumb, rating, comment or correction to a trace', body: FeedbackBody, response: { 201: FeedbackSchema, ...ERROR_RESPONSES } } }, async (request, reply) =>
    reply.code(201).send(await feedback.add(actorOf(request), request.body)),
  );

  app.get('/api/traces/:id/feedback', { config: { role: 'viewer' }, schema: { tags: ['feedback'], summary: 'Feedback on a trace', params: IdParamsSchema, response: { 200: listOf(FeedbackSchema), ...ERROR_RESPONSES } } }, async (request) => ({
    data: await feedback.forTrace(actorOf(request).projectId, request.params.id),
  }));
};
