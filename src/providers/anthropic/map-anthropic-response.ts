// An Anthropic message → an OpenAI chat completion: text blocks joined, tool_use blocks as tool calls.
import { unixSeconds } from '../shared/index.js';
import type { ChatCompletion, ToolCall } from '../spec/index.js';
import type { AnthropicResponse, AnthropicResponseBlock, AnthropicTextBlock, AnthropicToolUseBlock } from './anthropic-api-types.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

export function mapAnthropicResponse(response: AnthropicResponse, created: number = unixSeconds()): ChatCompletion {
  const text = response.content.filter(isText).map((block) => block.text);
  const toolCalls: ToolCall[] = response.content.filter(isToolUse).map((block) => ({
    id: block.id,
    type: 'function',
    function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
  }));
  return {
    id: response.id,
    object: 'chat.completion',
    created,
    model: response.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text.length > 0 ? text.join('') : null,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: mapAnthropicStopReason(response.stop_reason),
        logprobs: null,
      },
    ],
    usage: mapAnthropicUsage(response.usage),
  };
}

function isText(block: AnthropicResponseBlock): block is AnthropicTextBlock {
  return block.type === 'text';
}

function isToolUse(block: AnthropicResponseBlock): block is AnthropicToolUseBlock {
  return block.type === 'tool_use';
}
