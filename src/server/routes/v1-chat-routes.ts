// POST /v1/chat/completions and POST /v1/completions: OpenAI's wire format in and out, streaming as
// server-sent events. Bodies are validated with the provider spec's schemas (a route bound to a
// prompt takes `variables`; the gateway renders it); answers are plain JSON.
import { ChatCallRequestSchema, CompletionRequestSchema } from '../../providers/spec/index.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';
import { cacheDirective } from './v1-outcome-headers.js';
import { clientSignal, parseBody, sendResult, sendStream, traceIdOf } from './v1-reply.js';

export const v1ChatRoutes: RouteModule = (app, services) => {
  const gateway = services.gateway;
  const schema = { tags: ['data plane'], hide: false };

  app.post('/v1/chat/completions', { schema: { ...schema, summary: 'Create a chat completion (OpenAI-compatible; stream: true for SSE)' } }, async (request, reply) => {
    const startedAt = performance.now();
    const body = parseBody(ChatCallRequestSchema, request.body);
    const options = { signal: clientSignal(reply), traceId: traceIdOf(request), cache: cacheDirective(request.headers), startedAt };
    const actor = actorOf(request);
    if (body.stream) return sendStream(reply, await gateway.chatStream(actor, body, options));
    return sendResult(reply, await gateway.chatCall(actor, body, options));
  });

  app.post('/v1/completions', { schema: { ...schema, summary: 'Create a text completion (OpenAI-compatible legacy API)' } }, async (request, reply) => {
    const startedAt = performance.now();
    const body = parseBody(CompletionRequestSchema, request.body);
    const options = { signal: clientSignal(reply), traceId: traceIdOf(request), cache: cacheDirective(request.headers), startedAt };
    const actor = actorOf(request);
    if (body.stream) return sendStream(reply, await gateway.completionStream(actor, body, options));
    return sendResult(reply, await gateway.completionCall(actor, body, options));
  });
};
