// The Messages API over the gateway: a request is translated to a chat completion (the original
// carried for Anthropic upstreams) and run through Gateway.chatCall / chatStream — routes,
// fallbacks, limits, cache, redaction, traces all apply — and the answer is translated back, or
// returned as the Anthropic upstream sent it.
import type { Actor } from '../../../governance/index.js';
import type { TraceSurfaceInfo } from '../../../monitoring/traces/index.js';
import { type ChatRequest, type LanguageModelProvider, NATIVE_MESSAGES_FIELD, nativeMessageOf, nativeMessagesOf } from '../../../providers/spec/index.js';
import type { Gateway, GatewayCallOptions, GatewayResponse, GatewayStream } from '../../gateway.js';
import { type MessageObject, chatToMessage } from './anthropic-message.js';
import { estimateInputTokens } from './estimate-input-tokens.js';
import { type MessageStreamEvent, messageStreamEvents } from './message-stream-events.js';
import type { CountTokensRequest, MessagesRequest } from './messages-request.js';
import { chatMessagesOf, messagesToChat } from './messages-to-chat.js';

export interface MessagesSurfaceDeps {
  gateway: Pick<Gateway, 'chatCall' | 'chatStream' | 'planner'>;
}

export type MessagesOutcome = { kind: 'json'; result: GatewayResponse<MessageObject> } | { kind: 'stream'; stream: GatewayStream<MessageStreamEvent> };

export interface CountTokensResult {
  input_tokens: number;
  /** How the count was made: the upstream's own count, the builtin tokenizer, or an estimate. */
  method: 'upstream' | 'tokenizer' | 'estimate';
}

export class MessagesSurface {
  readonly #gateway: MessagesSurfaceDeps['gateway'];

  constructor(deps: MessagesSurfaceDeps) {
    this.#gateway = deps.gateway;
  }

  /**
   * Creates a message: JSON, or an open stream of Anthropic events.
   * @throws StewardError VALIDATION_FAILED / UNSUPPORTED_PARAMETER (400), and the gateway's errors
   */
  async create(actor: Actor, request: MessagesRequest, headers: Record<string, string>, options: GatewayCallOptions): Promise<MessagesOutcome> {
    // A route's prompt is rendered into this by the gateway's bind stage (which marks the native
    // body's conversation rewritten, so an Anthropic upstream gets the rendered one).
    const chat = messagesToChat(request, headers);
    // The trace says whether the target that answered got the original body (an Anthropic upstream,
    // conversation untouched) or a translation; it is read when the trace is written, after the call.
    const surface: TraceSurfaceInfo = { name: 'messages', translated: true };
    const observe = (provider: LanguageModelProvider, upstream: ChatRequest) => {
      surface.translated = provider.family !== 'anthropic' || nativeMessagesOf(upstream)?.conversationRewritten === true;
      return undefined;
    };
    const callOptions: GatewayCallOptions = { ...options, surface, upstream: { chat: observe, streamChat: observe } };
    if (request.stream) {
      const stream = await this.#gateway.chatStream(actor, { ...chat, stream: true, stream_options: { include_usage: true } }, callOptions);
      return { kind: 'stream', stream: { ...stream, chunks: messageStreamEvents(request.model, stream.chunks) } };
    }
    const result = await this.#gateway.chatCall(actor, chat, callOptions);
    const native = nativeMessageOf(result.body);
    const message = native ? (native as unknown as MessageObject) : chatToMessage(result.body, request.model);
    return { kind: 'json', result: { ...result, body: message } };
  }

  /**
   * Counts the input tokens of a request for the model it names: the upstream's own count when its
   * family has one (Anthropic), the builtin model's tokenizer, otherwise an estimate that errs high.
   */
  async countTokens(actor: Actor, request: CountTokensRequest, headers: Record<string, string>, signal: AbortSignal): Promise<CountTokensResult> {
    const plan = await this.#gateway.planner.plan(request.model, { projectId: actor.projectId, keyId: actor.id, user: request.metadata?.user_id ?? undefined });
    const target = plan.targets[0];
    const asMessages = { ...request, max_tokens: 1 } as MessagesRequest;
    const chat = { ...(target?.params ?? {}), ...messagesToChat(asMessages, headers), model: target?.resolved.model ?? request.model } as ChatRequest;
    if (target?.provider.countTokens) return { input_tokens: await target.provider.countTokens(chat, { signal }), method: 'upstream' };
    if (target?.provider.family === 'builtin') {
      // The builtin model's own prompt count (chat template included): one token generated, discarded.
      const { [NATIVE_MESSAGES_FIELD]: _native, ...plain } = chat as Record<string, unknown>;
      const answer = await target.provider.chat({ ...(plain as unknown as ChatRequest), max_tokens: 1, stream: false }, { signal });
      return { input_tokens: answer.usage?.prompt_tokens ?? estimateInputTokens(chatMessagesOf(request), request.tools), method: answer.usage ? 'tokenizer' : 'estimate' };
    }
    return { input_tokens: estimateInputTokens(chatMessagesOf(request), request.tools), method: 'estimate' };
  }
}
