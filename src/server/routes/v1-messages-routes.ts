// POST /v1/messages (Anthropic's Messages API; stream: true for Anthropic's SSE events) and
// POST /v1/messages/count_tokens. The translation lives in src/gateway/surfaces/messages; this file
// only speaks HTTP: the anthropic-* headers, validation, and the event stream. Errors on these
// paths take Anthropic's shape (see errorShapeOf in http-error.ts).
import type { FastifyRequest } from 'fastify';
import { StewardError } from '../../errors/index.js';
import {
  CountTokensRequestSchema,
  type MessagesRequest,
  MessagesRequestSchema,
  MessagesSurface,
  anthropicErrorOf,
  unknownBlockType,
} from '../../gateway/surfaces/messages/index.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';
import { sendNamedEvents } from './sse-event-writer.js';
import { cacheDirective } from './v1-outcome-headers.js';
import { clientSignal, parseBody, sendResult, traceIdOf } from './v1-reply.js';

/** Client headers an Anthropic upstream receives as sent. */
const FORWARDED_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;

function forwardedHeaders(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string' && value !== '') out[name] = value;
    else if (Array.isArray(value) && value.length > 0) out[name] = value.join(',');
  }
  return out;
}

/** Refuses a block type Steward does not know by name, before the schema's generic message. */
function refuseUnknownBlocks(body: unknown): void {
  const unknown = unknownBlockType(body);
  if (unknown) {
    throw new StewardError({
      code: 'VALIDATION_FAILED',
      message: `${unknown.path}.type: unknown content block type '${unknown.type}' (expected text, image, document, tool_use, tool_result, thinking or redacted_thinking)`,
      details: { param: `${unknown.path}.type` },
    });
  }
}

export const v1MessagesRoutes: RouteModule = (app, services) => {
  const surface = new MessagesSurface({ gateway: services.gateway });
  const tags = ['data plane'];

  app.post('/v1/messages', { schema: { tags, summary: 'Create a message (Anthropic Messages API; stream: true for Anthropic SSE events; x-api-key or Bearer)' } }, async (request, reply) => {
    const startedAt = performance.now();
    const actor = actorOf(request);
    refuseUnknownBlocks(request.body);
    const body = parseBody(MessagesRequestSchema, request.body) as MessagesRequest;
    const options = { signal: clientSignal(reply), traceId: traceIdOf(request), cache: cacheDirective(request.headers), startedAt };
    // A route bound to a prompt renders it into the translated conversation (the gateway's bind stage).
    const outcome = await surface.create(actor, body, forwardedHeaders(request), options);
    if (outcome.kind === 'json') return sendResult(reply, outcome.result);
    // The event source ends failures with an error event itself; what is thrown here is unexpected.
    return sendNamedEvents(reply, outcome.stream, (error) => {
      const failure = anthropicErrorOf(error);
      return [{ event: 'error', data: { type: 'error', error: { type: failure.type, message: failure.message } } }];
    });
  });

  app.post('/v1/messages/count_tokens', { schema: { tags, summary: 'Count the input tokens of a message (Anthropic Messages API)' } }, async (request, reply) => {
    const actor = actorOf(request);
    refuseUnknownBlocks(request.body);
    const body = parseBody(CountTokensRequestSchema, request.body);
    const counted = await surface.countTokens(actor, body, forwardedHeaders(request), clientSignal(reply));
    // How the figure was made, for clients that care whether it is exact.
    reply.header('x-steward-token-count', counted.method);
    return reply.send({ input_tokens: counted.input_tokens });
  });
};
