// The adapter for Anthropic's Messages API: OpenAI chat in, Messages out and back; text completions
// through chat; no embeddings (Anthropic has none).
import type { ProviderConfigInput } from '../provider-config.js';
import {
  completionsViaChat,
  fetchJson,
  fetchSse,
  parseEventJson,
  requireFamily,
  streamEndedEarly,
  unixSeconds,
  upstreamRequest,
} from '../shared/index.js';
import {
  type CallOptions,
  type ChatChunk,
  type ChatCompletion,
  type ChatRequest,
  type LanguageModelProvider,
  type ModelInfo,
  NATIVE_EVENTS_FIELD,
  NATIVE_MESSAGE_FIELD,
  nativeMessagesOf,
} from '../spec/index.js';
import type { AnthropicResponse, AnthropicStreamEvent } from './anthropic-api-types.js';
import { anthropicHeaders, anthropicUrl } from './anthropic-endpoint.js';
import { createAnthropicStreamMapper } from './anthropic-stream-mapper.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';
import { mapAnthropicResponse } from './map-anthropic-response.js';
import { countTokensBody, nativeAnthropicBody } from './native-anthropic-request.js';

const DEFAULT_MAX_TOKENS = 4096;

/**
 * An Anthropic provider.
 *
 * @example
 * const claude = createAnthropicProvider({ name: 'anthropic', family: 'anthropic', baseUrl: 'https://api.anthropic.com', apiKey });
 */
export function createAnthropicProvider(input: ProviderConfigInput): LanguageModelProvider {
  const config = requireFamily(input, 'anthropic');
  const provider = config.name;
  const maxTokens = config.anthropic?.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;

  const target = (path: '/messages' | '/messages/count_tokens' | '/models', options: CallOptions, body?: unknown, extra?: Record<string, string>) =>
    upstreamRequest(config, options, { url: anthropicUrl(config, path), headers: anthropicHeaders(config, { ...options.headers, ...extra }), body });

  // A request from /v1/messages goes as the client sent it (see native-anthropic-request.ts) and
  // its answer carries the upstream's own message or events beside the chat translation.
  const messagesBody = (request: ChatRequest) => {
    const native = nativeMessagesOf(request);
    return native
      ? { body: nativeAnthropicBody(provider, request, native), headers: native.headers, native: true }
      : { body: buildAnthropicRequest(provider, request, maxTokens) as unknown as Record<string, unknown>, headers: undefined, native: false };
  };

  const chatMethods = {
    async chat(request: ChatRequest, options: CallOptions): Promise<ChatCompletion> {
      const { body, headers, native } = messagesBody(request);
      const message = await fetchJson(target('/messages', options, body, headers), isAnthropicResponse);
      const completion = mapAnthropicResponse(message);
      return native ? ({ ...completion, [NATIVE_MESSAGE_FIELD]: message } as ChatCompletion) : completion;
    },

    async *streamChat(request: ChatRequest, options: CallOptions): AsyncGenerator<ChatChunk> {
      const { body: messages, headers, native } = messagesBody(request);
      const body = { ...messages, stream: true };
      const mapper = createAnthropicStreamMapper({
        provider,
        model: request.model,
        created: unixSeconds(),
        includeUsage: request.stream_options?.include_usage === true,
      });
      for await (const event of fetchSse(target('/messages', options, body, headers))) {
        const value = parseEventJson(provider, event.data);
        if (!isStreamEvent(value)) continue;
        const chunks = mapper.map(value);
        if (!native) yield* chunks;
        else if (chunks.length === 0) yield { id: '', object: 'chat.completion.chunk', created: 0, model: request.model, choices: [], [NATIVE_EVENTS_FIELD]: [value] } as ChatChunk;
        else yield* chunks.map((chunk, i) => (i === 0 ? ({ ...chunk, [NATIVE_EVENTS_FIELD]: [value] } as ChatChunk) : chunk));
        if (mapper.stopped) return;
      }
      throw streamEndedEarly(provider, 'message_stop');
    },
  };

  return {
    specificationVersion: 'v1',
    name: provider,
    family: 'anthropic',
    ...chatMethods,
    ...completionsViaChat(provider, chatMethods),

    async countTokens(request: ChatRequest, options: CallOptions): Promise<number> {
      const { body, headers } = messagesBody(request);
      const counted = await fetchJson(target('/messages/count_tokens', options, countTokensBody(body), headers), isTokenCount);
      return counted.input_tokens;
    },

    async listModels(options: CallOptions): Promise<ModelInfo[]> {
      const request = target('/models', options);
      const page = await fetchJson({ ...request, url: `${request.url}?limit=1000` }, isModelPage);
      return page.data.map((model) => ({
        id: model.id,
        object: 'model',
        created: model.created_at ? Math.floor(Date.parse(model.created_at) / 1000) || 0 : 0,
        owned_by: 'anthropic',
      }));
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isAnthropicResponse(value: unknown): value is AnthropicResponse {
  return isRecord(value) && Array.isArray(value.content) && isRecord(value.usage);
}

function isStreamEvent(value: unknown): value is AnthropicStreamEvent {
  return isRecord(value) && typeof value.type === 'string';
}

function isTokenCount(value: unknown): value is { input_tokens: number } {
  return isRecord(value) && typeof value.input_tokens === 'number';
}

function isModelPage(value: unknown): value is { data: { id: string; created_at?: string }[] } {
  return isRecord(value) && Array.isArray(value.data) && value.data.every((model) => isRecord(model) && typeof model.id === 'string');
}
