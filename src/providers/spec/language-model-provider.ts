// The contract between the gateway and an upstream family. Versioned in the type so that a change
// to it is visible in every adapter (Vercel AI SDK's LanguageModelV2 is the model).
import type { ChatRequest, CompletionRequest, EmbeddingRequest } from './chat-request.js';
import type { ChatChunk, ChatCompletion, EmbeddingResult, ModelInfo, TextCompletion } from './chat-response.js';

export const PROVIDER_FAMILIES = ['openai', 'anthropic', 'gemini', 'builtin'] as const;
export type ProviderFamily = (typeof PROVIDER_FAMILIES)[number];

/** Calls of an upstream's own Responses API (see {@link LanguageModelProvider.responses}). */
export interface NativeResponsesCalls {
  create(body: Record<string, unknown>, options: CallOptions): Promise<Record<string, unknown>>;
  /** The typed stream events as the upstream sends them; an `error` or `response.failed` event is thrown. */
  stream(body: Record<string, unknown>, options: CallOptions): AsyncIterable<Record<string, unknown> & { type: string }>;
}

/** Per-call options the gateway passes to every provider call. */
export interface CallOptions {
  /** Aborted on per-attempt timeout, client disconnect or shutdown. */
  signal: AbortSignal;
  /** Extra headers for the upstream (never the client's credentials). */
  headers?: Record<string, string>;
}

/**
 * One configured upstream (an instance of a family, with its base URL and credentials).
 * Requests and responses are OpenAI's wire format; `request.model` is the upstream's own model id.
 * Streams yield OpenAI chunks; when `stream_options.include_usage` is set the last chunk carries usage.
 * Failures are thrown as `ProviderCallError`, also from inside a stream.
 */
export interface LanguageModelProvider {
  readonly specificationVersion: 'v1';
  /** The name clients prefix models with: `openai` in `openai/gpt-4o-mini`. */
  readonly name: string;
  readonly family: ProviderFamily;
  chat(request: ChatRequest, options: CallOptions): Promise<ChatCompletion>;
  streamChat(request: ChatRequest, options: CallOptions): AsyncIterable<ChatChunk>;
  complete(request: CompletionRequest, options: CallOptions): Promise<TextCompletion>;
  streamComplete(request: CompletionRequest, options: CallOptions): AsyncIterable<TextCompletion>;
  /** Undefined when the family has no embeddings. */
  embed?(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResult>;
  /**
   * Input tokens of a chat request by the upstream's own count (Anthropic's count_tokens), when the
   * family has one; a request from /v1/messages is counted as the client sent it.
   */
  countTokens?(request: ChatRequest, options: CallOptions): Promise<number>;
  /**
   * The upstream's own Responses API (`POST /responses`), when the provider is configured to pass
   * /v1/responses through natively: bodies and answers are OpenAI's Responses objects and events.
   */
  responses?: NativeResponsesCalls;
  /** Models the upstream offers, when it can list them. */
  listModels?(options: CallOptions): Promise<ModelInfo[]>;
  close?(): Promise<void>;
}
