// OpenAI messages → Anthropic's `system` and `messages`: system and developer messages become the
// system prompt, tool results become `tool_result` blocks in a user turn, tool calls `tool_use` blocks.
import { invalid } from '../../errors/index.js';
import { parseDataUrl, unsupportedParameter } from '../shared/index.js';
import type { ChatMessage, ContentPart } from '../spec/index.js';
import type { AnthropicContentBlock, AnthropicImageBlock, AnthropicMessage, AnthropicTextBlock } from './anthropic-api-types.js';

export interface AnthropicPrompt {
  system?: AnthropicTextBlock[];
  messages: AnthropicMessage[];
}

/**
 * Converts an OpenAI conversation. Consecutive turns of the same role are merged, because Anthropic
 * wants every tool result of a turn in the one user message that follows it.
 * @throws StewardError when a tool call's arguments are not JSON or an image is in a system message.
 */
export function convertToAnthropicMessages(provider: string, messages: ChatMessage[]): AnthropicPrompt {
  const system: AnthropicTextBlock[] = [];
  const turns: AnthropicMessage[] = [];
  const push = (role: AnthropicMessage['role'], content: AnthropicContentBlock[]): void => {
    if (content.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content });
  };

  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        for (const block of convertContent(provider, message.content)) {
          if (block.type !== 'text') throw unsupportedParameter(provider, 'images in system messages', 'the system prompt is text only');
          system.push(block);
        }
        break;
      }
      case 'user':
        push('user', convertContent(provider, message.content));
        break;
      case 'assistant': {
        const blocks: AnthropicContentBlock[] = convertContent(provider, message.content ?? '');
        for (const call of message.tool_calls ?? []) {
          blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments, call.function.name) });
        }
        push('assistant', blocks);
        break;
      }
      case 'tool': {
        const content = typeof message.content === 'string' ? message.content : convertContent(provider, message.content);
        push('user', [{ type: 'tool_result', tool_use_id: message.tool_call_id, content }]);
        break;
      }
    }
  }
  return { ...(system.length > 0 ? { system } : {}), messages: turns };
}

/** Text and image parts as Anthropic blocks; empty text is dropped because Anthropic rejects it. */
export function convertContent(provider: string, content: string | ContentPart[]): (AnthropicTextBlock | AnthropicImageBlock)[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.flatMap((part): (AnthropicTextBlock | AnthropicImageBlock)[] => {
    if (part.type === 'text') return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    if (part.type === 'input_audio') throw unsupportedParameter(provider, 'input_audio', 'Anthropic models do not take audio input');
    if (part.type === 'file') throw unsupportedParameter(provider, 'file', 'send documents to Anthropic models through the Messages API (/v1/messages)');
    return [convertImage(provider, part.image_url.url)];
  });
}

function convertImage(provider: string, url: string): AnthropicImageBlock {
  const data = parseDataUrl(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw unsupportedParameter(provider, 'image_url', 'only base64 data URLs and http(s) URLs are accepted');
}

function parseArguments(text: string, name: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(`the arguments of tool call ${name} are not valid JSON`);
  }
}
