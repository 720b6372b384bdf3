// An input-token estimate for models whose tokenizer Steward does not have. It errs high on purpose:
// one token per three UTF-8 bytes (English averages about four with today's tokenizers) plus a few
// tokens of framing per message, so a client budgeting its context window stays inside it.
import type { ChatMessage } from '../../../providers/spec/index.js';

const BYTES_PER_TOKEN = 3;
const TOKENS_PER_MESSAGE = 4;
/** An image counts as Anthropic's upper figure for one image (about 1,600 tokens). */
const TOKENS_PER_IMAGE = 1600;

export function estimateInputTokens(messages: ChatMessage[], tools: unknown[] | undefined): number {
  let bytes = 0;
  let images = 0;
  for (const message of messages) {
    const content = 'content' in message ? message.content : null;
    if (typeof content === 'string') bytes += Buffer.byteLength(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text') bytes += Buffer.byteLength(part.text);
        else if (part.type === 'image_url') images += 1;
        else bytes += Buffer.byteLength(JSON.stringify(part));
      }
    }
    if (message.role === 'assistant' && message.tool_calls) bytes += Buffer.byteLength(JSON.stringify(message.tool_calls));
  }
  if (tools && tools.length > 0) bytes += Buffer.byteLength(JSON.stringify(tools));
  return Math.ceil(bytes / BYTES_PER_TOKEN) + TOKENS_PER_MESSAGE * messages.length + TOKENS_PER_IMAGE * images;
}
