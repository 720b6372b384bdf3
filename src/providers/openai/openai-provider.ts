// The adapter for every OpenAI-compatible upstream (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp,
// TGI, Groq, Together, Mistral): requests pass through with the upstream's model id, answers are completed.
import type { ProviderConfigInput } from '../provider-config.js';
import {
  fetchJson,
  fetchSse,
  parseEventJson,
  requireFamily,
  streamEndedEarly,
  unixSeconds,
  newId,
  refuseAnthropicOnlyFields,
  upstreamRequest,
} from '../shared/index.js';
import {
  type CallOptions,
  type ChatChunk,
  type ChatCompletion,
  type ChatRequest,
  type CompletionRequest,
  type EmbeddingRequest,
  type EmbeddingResult,
  type LanguageModelProvider,
  type ModelInfo,
  ProviderCallError,
  type TextCompletion,
  nativeMessagesOf,
  withoutNativeMessages,
} from '../spec/index.js';
import { type OpenAiPath, openAiHeaders, openAiUrl } from './openai-endpoint.js';
import {
  hasChoices,
  hasData,
  isRecord,
  normalizeChatChunk,
  normalizeChatCompletion,
  normalizeEmbeddings,
  normalizeModels,
  normalizeTextCompletion,
} from './normalize-openai-response.js';
import { openAiResponsesCalls } from './openai-responses.js';

/**
 * An OpenAI-compatible provider.
 *
 * @example
 * const vllm = createOpenAiProvider({ name: 'vllm', family: 'openai', baseUrl: 'http://127.0.0.1:8000/v1' });
 * const answer = await vllm.chat({ model: 'qwen2.5', messages: [{ role: 'user', content: 'hi' }] }, { signal });
 */
export function createOpenAiProvider(input: ProviderConfigInput): LanguageModelProvider {
  const config = requireFamily(input, 'openai');
  const provider = config.name;

  const target = (path: OpenAiPath, options: CallOptions, model?: string, body?: unknown) =>
    upstreamRequest(config, options, { url: openAiUrl(config, path, model), headers: openAiHeaders(config, options.headers), body });

  /** Yields each event's JSON until `[DONE]`; an in-stream `error` object is thrown. */
  async function* streamJson(path: OpenAiPath, model: string, body: unknown, options: CallOptions) {
    const request = target(path, options, model, body);
    let finished = false;
    for await (const event of fetchSse(request)) {
      if (event.data === '[DONE]') return;
      const value = parseEventJson(provider, event.data);
      if (isRecord(value) && value.error !== undefined && !hasChoices(value)) {
        throw new ProviderCallError({
          provider,
          url: request.url,
          message: `${provider} failed mid-stream: ${describeStreamError(value.error)}`,
          responseBody: event.data,
        });
      }
      if (!hasChoices(value)) continue;
      if (value.choices.some((choice) => isRecord(choice) && choice.finish_reason != null)) finished = true;
      yield value;
    }
    // Some servers close without [DONE]; that is only a fault if no choice had finished.
    if (!finished) throw streamEndedEarly(provider, '[DONE]');
  }

  return {
    specificationVersion: 'v1',
    name: provider,
    family: 'openai',

    async chat(incoming: ChatRequest, options: CallOptions): Promise<ChatCompletion> {
      const request = openAiChatRequest(provider, incoming);
      const { stream: _stream, stream_options: _streamOptions, ...body } = request;
      const raw = await fetchJson(target('/chat/completions', options, request.model, body), hasChoices);
      return normalizeChatCompletion(raw, request.model);
    },

    async *streamChat(incoming: ChatRequest, options: CallOptions): AsyncGenerator<ChatChunk> {
      const request = openAiChatRequest(provider, incoming);
      const id = newId('chatcmpl-');
      const created = unixSeconds();
      const body = { ...request, stream: true };
      for await (const raw of streamJson('/chat/completions', request.model, body, options)) {
        yield normalizeChatChunk(raw, request.model, id, created);
      }
    },

    async complete(request: CompletionRequest, options: CallOptions): Promise<TextCompletion> {
      const { stream: _stream, stream_options: _streamOptions, ...body } = request;
      const raw = await fetchJson(target('/completions', options, request.model, body), hasChoices);
      return normalizeTextCompletion(raw, request.model);
    },

    async *streamComplete(request: CompletionRequest, options: CallOptions): AsyncGenerator<TextCompletion> {
      const id = newId('cmpl-');
      const created = unixSeconds();
      const body = { ...request, stream: true };
      for await (const raw of streamJson('/completions', request.model, body, options)) {
        yield normalizeTextCompletion(raw, request.model, id, created);
      }
    },

    async embed(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResult> {
      // Always ask for floats: the gateway encodes base64 itself, the same way for every family.
      const { encoding_format: _format, ...body } = request;
      const raw = await fetchJson(target('/embeddings', options, request.model, body), hasData);
      return normalizeEmbeddings(raw, request.model);
    },

    // /v1/responses passes through to the upstream's own /responses only when configured so.
    ...(config.responses === 'native' ? { responses: openAiResponsesCalls(config) } : {}),

    async listModels(options: CallOptions): Promise<ModelInfo[]> {
      const raw = await fetchJson(target('/models', options), hasData);
      return normalizeModels(raw, provider);
    },
  };
}

/** A request from /v1/messages goes as its chat translation; what only Anthropic honours is refused. */
function openAiChatRequest(provider: string, request: ChatRequest): ChatRequest {
  const native = nativeMessagesOf(request);
  if (!native) return request;
  refuseAnthropicOnlyFields(provider, 'an OpenAI-compatible upstream', native);
  return withoutNativeMessages(request);
}

function describeStreamError(error: unknown): string {
  if (isRecord(error) && typeof error.message === 'string') return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
