// A request that came in on Anthropic's Messages API (/v1/messages) carries the client's original
// body beside its chat translation, so that an Anthropic upstream receives it as sent (thinking,
// cache_control, document blocks, betas) and answers natively, while every other family uses the
// translation. The field never reaches a non-Anthropic upstream and is never stored on a trace.
import type { ChatRequest } from './chat-request.js';
import type { ChatChunk, ChatCompletion } from './chat-response.js';

/** The chat request field that carries the original Messages request. */
export const NATIVE_MESSAGES_FIELD = 'anthropic_native';
/** The chat completion field an Anthropic provider fills with the upstream's own message. */
export const NATIVE_MESSAGE_FIELD = 'anthropic_message';
/** The chat chunk field an Anthropic provider fills with the upstream's own stream events. */
export const NATIVE_EVENTS_FIELD = 'anthropic_events';

export interface NativeMessagesRequest {
  /** The client's Messages body as sent (its `model` and `stream` are replaced when it is sent on). */
  body: Record<string, unknown>;
  /** `anthropic-version` and `anthropic-beta` as the client sent them. */
  headers: Record<string, string>;
  /** Fields only an Anthropic upstream can honour (e.g. `thinking`): every other family refuses them. */
  anthropicOnly: string[];
  /**
   * True when the gateway rewrote the conversation (upstream redaction, a route's prompt): the
   * upstream then gets the chat translation's messages and system prompt, never the original ones.
   */
  conversationRewritten?: boolean;
}

/** The carried Messages request, when the chat request has one. */
export function nativeMessagesOf(request: ChatRequest): NativeMessagesRequest | undefined {
  const value = (request as Record<string, unknown>)[NATIVE_MESSAGES_FIELD];
  return typeof value === 'object' && value !== null ? (value as NativeMessagesRequest) : undefined;
}

/** The chat request without the carried Messages request. */
export function withoutNativeMessages<R extends object>(request: R): R {
  if (!(NATIVE_MESSAGES_FIELD in request)) return request;
  const { [NATIVE_MESSAGES_FIELD]: _native, ...rest } = request as Record<string, unknown>;
  return rest as R;
}

/** The upstream's own Anthropic message, when the provider answered natively. */
export function nativeMessageOf(completion: ChatCompletion): Record<string, unknown> | undefined {
  const value = (completion as unknown as Record<string, unknown>)[NATIVE_MESSAGE_FIELD];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The upstream's own Anthropic events carried by a chunk, when the provider streamed natively. */
export function nativeEventsOf(chunk: ChatChunk): { type: string }[] | undefined {
  const value = (chunk as unknown as Record<string, unknown>)[NATIVE_EVENTS_FIELD];
  return Array.isArray(value) ? (value as { type: string }[]) : undefined;
}
