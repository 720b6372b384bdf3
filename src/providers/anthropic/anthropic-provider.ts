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
import type { CallOptions, ChatChunk, ChatCompletion, ChatRequest, LanguageModelProvider, ModelInfo } from '../spec/index.js';
import type { AnthropicResponse, AnthropicStreamEvent } from './anthropic-api-types.js';
import { anthropicHeaders, anthropicUrl } from './anthropic-endpoint.js';
import { createAnthropicStreamMapper } from './anthropic-stream-mapper.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';
import { mapAnthropicResponse } from './map-anthropic-response.js';

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

  const target = (path: '/messages' | '/models', options: CallOptions, body?: unknown) =>
    upstreamRequest(config, options, { url: anthropicUrl(config, path), headers: anthropicHeaders(config, options.headers), body });

  const chatMethods = {
    async chat(request: ChatRequest, options: CallOptions): Promise<ChatCompletion> {
      const body = buildAnthropicRequest(provider, request, maxTokens);
      return mapAnthropicResponse(await fetchJson(target('/messages', options, body), isAnthropicResponse));
    },

    async *streamChat(request: ChatRequest, options: CallOptions): AsyncGenerator<ChatChunk> {
      const body = { ...buildAnthropicRequest(provider, request, maxTokens), stream: true };
      const mapper = createAnthropicStreamMapper({
        provider,
        model: request.model,
        created: unixSeconds(),
        includeUsage: request.stream_options?.include_usage === true,
      });
      for await (const event of fetchSse(target('/messages', options, body))) {
        const value = parseEventJson(provider, event.data);
        if (!isStreamEvent(value)) continue;
        yield* mapper.map(value);
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

function isModelPage(value: unknown): value is { data: { id: string; created_at?: string }[] } {
  return isRecord(value) && Array.isArray(value.data) && value.data.every((model) => isRecord(model) && typeof model.id === 'string');
}
