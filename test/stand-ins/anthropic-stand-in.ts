// A stand-in for Anthropic's Messages API: messages (streamed as message_start … message_stop with
// ping, text_delta and input_json_delta events), models, and Anthropic's error bodies (529 overloaded).
import message from '../../src/providers/anthropic/__fixtures__/message.json' with { type: 'json' };
import toolUse from '../../src/providers/anthropic/__fixtures__/message-tool-use.json' with { type: 'json' };
import models from '../../src/providers/anthropic/__fixtures__/models.json' with { type: 'json' };
import streamText from '../../src/providers/anthropic/__fixtures__/stream-text.json' with { type: 'json' };
import streamToolUse from '../../src/providers/anthropic/__fixtures__/stream-tool-use.json' with { type: 'json' };
import { type RecordedRequest, type StandIn, type StandInOptions, type StandInReply, bodyOf, startStandIn } from './stand-in-server.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

const errorBody = (status: number, message: string) => ({ type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } });

/**
 * Starts an Anthropic stand-in; `url` is the origin (use it as `baseUrl`). Like the real API it
 * answers 400 when `max_tokens` or `anthropic-version` is missing; requests with `tools` get the tool_use fixture.
 */
export function startAnthropicStandIn(options: StandInOptions = {}): Promise<StandIn> {
  return startStandIn(
    {
      basePath: '',
      route,
      errorBody,
      errorEvent: () => ({ event: 'error', data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }) }),
      isAuthorised: (request, key) => request.headers['x-api-key'] === key,
    },
    options,
  );
}

function route(request: RecordedRequest): StandInReply {
  if (request.method === 'GET' && request.path === '/v1/models') return { kind: 'json', body: models };
  if (request.method === 'POST' && request.path === '/v1/messages/count_tokens') return countTokens(request);
  if (request.method !== 'POST' || request.path !== '/v1/messages') {
    return { kind: 'json', status: 404, body: errorBody(404, `Not found: ${request.path}`) };
  }
  const body = bodyOf(request);
  if (!request.headers['anthropic-version']) return { kind: 'json', status: 400, body: errorBody(400, 'anthropic-version: header is required') };
  if (typeof body.max_tokens !== 'number') return { kind: 'json', status: 400, body: errorBody(400, 'max_tokens: Field required') };
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { kind: 'json', status: 400, body: errorBody(400, 'messages: at least one message is required') };
  }
  const model = typeof body.model === 'string' ? body.model : message.model;
  const tools = Array.isArray(body.tools) && body.tools.length > 0;
  // With extended thinking on, the answer opens with a signed thinking block, as Anthropic's does.
  const thinking = typeof body.thinking === 'object' && body.thinking !== null && (body.thinking as { type?: unknown }).type === 'enabled';
  if (body.stream === true) {
    const recorded: Record<string, unknown>[] = (tools ? streamToolUse : streamText).map((event) =>
      event.type === 'message_start' && 'message' in event ? { ...event, message: { ...event.message, model } } : event,
    );
    const events = thinking ? withThinkingBlock(recorded) : recorded;
    return { kind: 'sse', events: events.map((event) => ({ event: String(event.type), data: JSON.stringify(event) })) };
  }
  const answer = tools ? toolUse : message;
  const content = thinking ? [{ type: 'thinking', thinking: 'The user greets me; I greet back.', signature: 'stand-in-signature' }, ...answer.content] : answer.content;
  return { kind: 'json', body: { ...answer, content, model } };
}

/** A recorded stream with a thinking block (thinking_delta, signature_delta) first; the other blocks move up one index. */
function withThinkingBlock(events: Record<string, unknown>[]): Record<string, unknown>[] {
  const shifted = events.map((event) => (typeof event.index === 'number' ? { ...event, index: event.index + 1 } : event));
  const thinking = [
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'The user greets me; I greet back.' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'stand-in-signature' } },
    { type: 'content_block_stop', index: 0 },
  ];
  return [shifted[0], ...thinking, ...shifted.slice(1)];
}

/** Like Anthropic's count_tokens: refuses sampling fields; counts one token per four characters of the body's messages, system and tools. */
function countTokens(request: RecordedRequest): StandInReply {
  const body = bodyOf(request);
  if (!request.headers['anthropic-version']) return { kind: 'json', status: 400, body: errorBody(400, 'anthropic-version: header is required') };
  for (const field of ['max_tokens', 'temperature', 'stream']) {
    if (field in body) return { kind: 'json', status: 400, body: errorBody(400, `${field}: Extra inputs are not permitted`) };
  }
  const counted = JSON.stringify([body.messages, body.system ?? null, body.tools ?? null]).length;
  return { kind: 'json', body: { input_tokens: Math.ceil(counted / 4) } };
}
