// The Message object /v1/messages answers with, built from a chat completion when the upstream was
// not Anthropic (an Anthropic upstream's own message is returned as it came).
import { StewardError } from '../../../errors/index.js';
import type { ChatCompletion, FinishReason, Usage } from '../../../providers/spec/index.js';
import { newId } from '../../../store/index.js';

export type MessageContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: string; [field: string]: unknown };

export interface AnthropicUsageOut {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
}

export interface MessageObject {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: MessageContentBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: AnthropicUsageOut;
}

/** OpenAI finish_reason → Anthropic stop_reason. */
export function stopReasonOf(reason: FinishReason | null | undefined): string | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/** OpenAI usage → Anthropic's: cached reads are counted apart from input_tokens. */
export function anthropicUsageOf(usage: Usage | undefined): AnthropicUsageOut {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: null,
    cache_read_input_tokens: cached > 0 ? cached : null,
  };
}

/** Tool call arguments as the object Anthropic's `input` is. */
export function toolInputOf(name: string, text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StewardError({ code: 'UPSTREAM_ERROR', message: `the upstream's arguments for tool ${name} are not a JSON object` });
  }
  return value as Record<string, unknown>;
}

export function newMessageId(): string {
  return newId('msg');
}

/** A Message for a chat completion. */
export function chatToMessage(completion: ChatCompletion, model: string): MessageObject {
  const choice = completion.choices[0];
  const content: MessageContentBlock[] = [];
  const text = choice?.message.content;
  if (text) content.push({ type: 'text', text });
  for (const call of choice?.message.tool_calls ?? []) {
    content.push({ type: 'tool_use', id: call.id, name: call.function.name, input: toolInputOf(call.function.name, call.function.arguments) });
  }
  return {
    id: newMessageId(),
    type: 'message',
    role: 'assistant',
    model: completion.model || model,
    content,
    stop_reason: stopReasonOf(choice?.finish_reason),
    stop_sequence: null,
    usage: anthropicUsageOf(completion.usage),
  };
}
