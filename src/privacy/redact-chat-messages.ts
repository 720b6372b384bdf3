// Redaction over OpenAI chat messages: string contents, text parts and tool-call arguments, so the
// gateway can redact what it stores or sends upstream without knowing the message shapes.
import type { ChatMessage, ChatRequest } from '../providers/spec/index.js';
import type { PiiFinding } from './pii-finding.js';
import { type RedactOptions, redactPii } from './redact-pii.js';

/** A finding located in a message: `part` is the text part's index, or `tool_call:<i>` for arguments. */
export interface MessagePiiFinding extends PiiFinding {
  messageIndex: number;
  part?: number | `tool_call:${number}`;
}

export interface RedactMessagesResult {
  messages: ChatMessage[];
  findings: MessagePiiFinding[];
}

/**
 * Redacts every message. Messages without findings are returned as the same objects, so the
 * common case copies nothing.
 */
export function redactChatMessages(messages: readonly ChatMessage[], options: RedactOptions = {}): RedactMessagesResult {
  const findings: MessagePiiFinding[] = [];
  const out = messages.map((message, messageIndex) => redactMessage(message, messageIndex, options, findings));
  return { messages: out, findings };
}

/** Redacts the messages of a chat request; returns the same request object when nothing was found. */
export function redactChatRequest(
  request: ChatRequest,
  options: RedactOptions = {},
): { request: ChatRequest; findings: MessagePiiFinding[] } {
  const { messages, findings } = redactChatMessages(request.messages, options);
  return { request: findings.length === 0 ? request : { ...request, messages }, findings };
}

function redactMessage(
  message: ChatMessage,
  messageIndex: number,
  options: RedactOptions,
  findings: MessagePiiFinding[],
): ChatMessage {
  const before = findings.length;
  const redactText = (text: string, part?: MessagePiiFinding['part']): string => {
    const result = redactPii(text, options);
    for (const finding of result.findings) {
      findings.push(part === undefined ? { ...finding, messageIndex } : { ...finding, messageIndex, part });
    }
    return result.text;
  };

  const content = message.content;
  let nextContent = content;
  if (typeof content === 'string') {
    nextContent = redactText(content);
  } else if (Array.isArray(content)) {
    nextContent = content.map((part, index) =>
      part.type === 'text' ? { ...part, text: redactText(part.text, index) } : part,
    );
  }
  let toolCalls = message.role === 'assistant' ? message.tool_calls : undefined;
  if (toolCalls !== undefined) {
    toolCalls = toolCalls.map((call, index) => ({
      ...call,
      function: { ...call.function, arguments: redactText(call.function.arguments, `tool_call:${index}`) },
    }));
  }
  if (findings.length === before) return message;
  if (message.role === 'assistant') return { ...message, content: nextContent, tool_calls: toolCalls };
  return { ...message, content: nextContent ?? '' } as ChatMessage;
}
