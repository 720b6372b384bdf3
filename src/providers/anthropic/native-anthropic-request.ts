// The body an Anthropic upstream gets for a request that came in on /v1/messages: the client's own
// Messages body (no double translation), with the routed model id. When the gateway rewrote the
// conversation (upstream redaction, a route's prompt) the rewritten chat messages are converted
// instead, so that nothing the gateway removed reaches the upstream through the original.
import type { ChatRequest, NativeMessagesRequest } from '../spec/index.js';
import { withoutNativeMessages } from '../spec/index.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

/** Sampling fields a route target or model version may fix; the client's own values win. */
const SAMPLING = ['temperature', 'top_p', 'top_k'] as const;

/** Fields /v1/messages/count_tokens takes (it refuses the sampling ones). */
const COUNT_FIELDS = ['model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'mcp_servers'];

export function nativeAnthropicBody(provider: string, request: ChatRequest, native: NativeMessagesRequest): Record<string, unknown> {
  const { stream: _stream, ...rest } = native.body;
  const body: Record<string, unknown> = { ...rest, model: request.model };
  if (native.conversationRewritten) {
    const { system, messages } = convertToAnthropicMessages(provider, withoutNativeMessages(request).messages);
    body.messages = messages;
    if (system) body.system = system;
    else delete body.system;
    const user = request.safety_identifier ?? request.user;
    if (user) body.metadata = { ...(body.metadata as object | undefined), user_id: user };
    else delete body.metadata;
  }
  for (const field of SAMPLING) {
    if (body[field] === undefined && request[field] != null) body[field] = request[field];
  }
  return body;
}

/** The count_tokens body for a Messages body. */
export function countTokensBody(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => COUNT_FIELDS.includes(key) && value !== undefined));
}
