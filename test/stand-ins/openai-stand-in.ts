// A stand-in for OpenAI's API (and Azure's deployment paths): chat completions with streaming and
// tool calls, completions, embeddings and models, answered from the recorded fixtures.
import chatCompletion from '../../src/providers/openai/__fixtures__/chat-completion.json' with { type: 'json' };
import chatToolCalls from '../../src/providers/openai/__fixtures__/chat-completion-tool-calls.json' with { type: 'json' };
import chatStream from '../../src/providers/openai/__fixtures__/chat-stream.json' with { type: 'json' };
import chatStreamToolCalls from '../../src/providers/openai/__fixtures__/chat-stream-tool-calls.json' with { type: 'json' };
import completion from '../../src/providers/openai/__fixtures__/completion.json' with { type: 'json' };
import completionStream from '../../src/providers/openai/__fixtures__/completion-stream.json' with { type: 'json' };
import embeddings from '../../src/providers/openai/__fixtures__/embeddings.json' with { type: 'json' };
import models from '../../src/providers/openai/__fixtures__/models.json' with { type: 'json' };
import {
  type OutgoingEvent,
  type RecordedRequest,
  type StandIn,
  type StandInOptions,
  type StandInReply,
  bodyOf,
  startStandIn,
} from './stand-in-server.js';
import { responsesReply } from './openai-responses-stand-in.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  404: 'invalid_request_error',
  429: 'requests',
};

/**
 * Starts an OpenAI stand-in; `url` ends in `/v1` (use it as `baseUrl`). Requests with `tools`
 * get the tool-call fixture; streams honour `stream_options.include_usage` and end with `[DONE]`.
 * With `responses: true` it also serves `/responses` (a native Responses upstream); without, it is
 * chat-only and `/responses` is a 404, as on servers that have no Responses API.
 */
export function startOpenAiStandIn(options: StandInOptions & { responses?: boolean } = {}): Promise<StandIn> {
  return startStandIn(
    {
      basePath: '/v1',
      route: (request) => (options.responses === true && request.method === 'POST' && request.path.endsWith('/responses') ? responsesReply(bodyOf(request)) : route(request)),
      errorBody: (status, message) => ({
        error: { message, type: ERROR_TYPES[status] ?? 'server_error', param: null, code: status === 429 ? 'rate_limit_exceeded' : null },
      }),
      errorEvent: () => ({ data: JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } }) }),
      isAuthorised: (request, key) => request.headers.authorization === `Bearer ${key}` || request.headers['api-key'] === key,
    },
    options,
  );
}

function route(request: RecordedRequest): StandInReply {
  const body = bodyOf(request);
  const model = typeof body.model === 'string' ? body.model : undefined;
  const withModel = <T extends { model: string }>(value: T): T => ({ ...value, model: model ?? value.model });
  const path = request.path;
  if (request.method === 'GET' && path.endsWith('/models')) return { kind: 'json', body: models };
  if (path.endsWith('/chat/completions')) {
    const tools = Array.isArray(body.tools) && body.tools.length > 0;
    if (body.stream === true) {
      const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      const chunks = (tools ? chatStreamToolCalls : chatStream).filter((chunk) => includeUsage || !('usage' in chunk));
      return sse(chunks.map(withModel));
    }
    return { kind: 'json', body: withModel(tools ? chatToolCalls : chatCompletion) };
  }
  if (path.endsWith('/completions')) {
    if (body.stream === true) return sse(completionStream.map(withModel));
    return { kind: 'json', body: withModel(completion) };
  }
  if (path.endsWith('/embeddings')) {
    const inputs = Array.isArray(body.input) ? body.input.length : 1;
    const data = Array.from({ length: inputs }, (_, index) => ({ ...embeddings.data[index % embeddings.data.length], index }));
    return { kind: 'json', body: withModel({ ...embeddings, data }) };
  }
  return { kind: 'json', status: 404, body: { error: { message: `Unknown path ${path}`, type: 'invalid_request_error', param: null, code: null } } };
}

function sse(values: unknown[]): StandInReply {
  const events: OutgoingEvent[] = values.map((value) => ({ data: JSON.stringify(value) }));
  events.push({ data: '[DONE]' });
  return { kind: 'sse', events };
}
