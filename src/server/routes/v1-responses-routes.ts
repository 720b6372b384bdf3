// POST /v1/responses (OpenAI's Responses API; stream: true for typed SSE events) and the stored
// responses: GET/DELETE /v1/responses/{id} and GET /v1/responses/{id}/input_items. The translation
// and the store live in src/gateway/surfaces/responses; this file only speaks HTTP.
import { StewardError } from '../../errors/index.js';
import { type ResponsesRequest, ResponsesRequestSchema, ResponsesSurface } from '../../gateway/surfaces/responses/index.js';
import { actorOf } from '../auth-plugin.js';
import { errorResponse } from '../http-error.js';
import type { RouteModule } from './route-module.js';
import { sendNamedEvents } from './sse-event-writer.js';
import { cacheDirective } from './v1-outcome-headers.js';
import { clientSignal, parseBody, sendResult, traceIdOf } from './v1-reply.js';

export const v1ResponsesRoutes: RouteModule = (app, services) => {
  const surface = new ResponsesSurface({ gateway: services.gateway, store: services.store });
  const tags = ['data plane'];

  app.post('/v1/responses', { schema: { tags, summary: 'Create a model response (OpenAI Responses API; stream: true for typed SSE events)' } }, async (request, reply) => {
    const startedAt = performance.now();
    const actor = actorOf(request);
    // A route bound to a prompt is rendered from `variables` by the gateway's bind stage, as on chat completions.
    const body = parseBody(ResponsesRequestSchema, request.body) as ResponsesRequest;
    const options = { signal: clientSignal(reply), traceId: traceIdOf(request), cache: cacheDirective(request.headers), startedAt };
    const outcome = await surface.create(actor, body, options);
    if (outcome.kind === 'json') return sendResult(reply, outcome.result);
    // The event source ends failures as response.failed itself; what is thrown here is unexpected.
    return sendNamedEvents(reply, outcome.stream, (error) => {
      const { body: failure } = errorResponse(error, 'openai');
      const { message, code } = (failure as { error: { message: string; code: string } }).error;
      return [{ event: 'error', data: { type: 'error', code, message, param: null, sequence_number: 0 } }];
    });
  });

  app.get('/v1/responses/:id', { schema: { tags, summary: 'Retrieve a stored response' } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return reply.send(await surface.retrieve(actorOf(request).projectId, id));
  });

  app.delete('/v1/responses/:id', { schema: { tags, summary: 'Delete a stored response' } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return reply.send(await surface.delete(actorOf(request).projectId, id));
  });

  app.get('/v1/responses/:id/input_items', { schema: { tags, summary: 'List the input items of a stored response' } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = request.query as { limit?: string; order?: string; after?: string };
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new StewardError({ code: 'VALIDATION_FAILED', message: 'limit: an integer from 1 to 100', details: { param: 'limit' } });
    const order = query.order ?? 'desc';
    if (order !== 'asc' && order !== 'desc') throw new StewardError({ code: 'VALIDATION_FAILED', message: 'order: asc or desc', details: { param: 'order' } });
    return reply.send(await surface.inputItems(actorOf(request).projectId, id, { limit, order, after: query.after }));
  });
};
