// The adapter for the Gemini API: OpenAI chat in, generateContent / streamGenerateContent (SSE)
// out and back; text completions through chat; embeddings through batchEmbedContents.
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
  type EmbeddingRequest,
  type EmbeddingResult,
  type LanguageModelProvider,
  type ModelInfo,
  ProviderCallError,
} from '../spec/index.js';
import type { GeminiBatchEmbedResponse, GeminiResponse } from './gemini-api-types.js';
import { buildGeminiEmbedRequest, mapGeminiEmbeddings } from './gemini-embeddings.js';
import { geminiHeaders, geminiUrl } from './gemini-endpoint.js';
import { createGeminiStreamMapper } from './gemini-stream-mapper.js';
import { buildGeminiRequest } from './build-gemini-request.js';
import { mapGeminiResponse } from './map-gemini-response.js';

/**
 * A Gemini provider.
 *
 * @example
 * const gemini = createGeminiProvider({ name: 'gemini', family: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta', apiKey });
 */
export function createGeminiProvider(input: ProviderConfigInput): LanguageModelProvider {
  const config = requireFamily(input, 'gemini');
  const provider = config.name;
  const target = (url: string, options: CallOptions, body?: unknown) =>
    upstreamRequest(config, options, { url, headers: geminiHeaders(config, options.headers), body });

  const chatMethods = {
    async chat(request: ChatRequest, options: CallOptions): Promise<ChatCompletion> {
      const body = buildGeminiRequest(provider, request);
      const response = await fetchJson(target(geminiUrl(config, request.model, 'generateContent'), options, body), isGeminiResponse);
      return mapGeminiResponse(response, request.model);
    },

    async *streamChat(request: ChatRequest, options: CallOptions): AsyncGenerator<ChatChunk> {
      const body = buildGeminiRequest(provider, request);
      const call = target(geminiUrl(config, request.model, 'streamGenerateContent'), options, body);
      const mapper = createGeminiStreamMapper({ model: request.model, created: unixSeconds() });
      for await (const event of fetchSse(call)) {
        const value = parseEventJson(provider, event.data);
        if (isRecord(value) && isRecord(value.error)) {
          const error = value.error;
          throw new ProviderCallError({
            provider,
            url: call.url,
            statusCode: typeof error.code === 'number' ? error.code : undefined,
            responseBody: event.data,
            message: `${provider} failed mid-stream: ${String(error.message ?? 'unknown error')}`,
          });
        }
        if (isGeminiResponse(value)) yield* mapper.map(value);
      }
      // Gemini has no end event: a stream is complete when every candidate has a finishReason.
      if (!mapper.finished) throw streamEndedEarly(provider, 'a finishReason');
      const usage = request.stream_options?.include_usage === true ? mapper.usageChunk() : undefined;
      if (usage) yield usage;
    },
  };

  return {
    specificationVersion: 'v1',
    name: provider,
    family: 'gemini',
    ...chatMethods,
    ...completionsViaChat(provider, chatMethods),

    async embed(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResult> {
      const body = buildGeminiEmbedRequest(provider, request);
      const response = await fetchJson(target(geminiUrl(config, request.model, 'batchEmbedContents'), options, body), isBatchEmbedResponse);
      return mapGeminiEmbeddings(response, request.model);
    },

    async listModels(options: CallOptions): Promise<ModelInfo[]> {
      const page = await fetchJson(target(`${config.baseUrl}/models?pageSize=1000`, options), isModelList);
      return page.models.map((model) => ({
        id: model.name.replace(/^models\//, ''),
        object: 'model',
        created: 0,
        owned_by: 'google',
      }));
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGeminiResponse(value: unknown): value is GeminiResponse {
  return isRecord(value) && (Array.isArray(value.candidates) || isRecord(value.promptFeedback) || isRecord(value.usageMetadata));
}

function isBatchEmbedResponse(value: unknown): value is GeminiBatchEmbedResponse {
  return isRecord(value) && Array.isArray(value.embeddings) && value.embeddings.every((e) => isRecord(e) && Array.isArray(e.values));
}

function isModelList(value: unknown): value is { models: { name: string }[] } {
  return isRecord(value) && Array.isArray(value.models) && value.models.every((m) => isRecord(m) && typeof m.name === 'string');
}
