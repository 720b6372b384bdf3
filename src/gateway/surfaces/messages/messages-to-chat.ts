// A Messages request → the canonical chat request the gateway runs (routes, limits, cache,
// redaction, traces), with the original body carried beside it for Anthropic upstreams.
import { StewardError } from '../../../errors/index.js';
import {
  type ChatMessage,
  type ChatRequest,
  type ContentPart,
  NATIVE_MESSAGES_FIELD,
  type NativeMessagesRequest,
  type Tool,
  type ToolCall,
  type ToolChoice,
} from '../../../providers/spec/index.js';
import { type ContentBlock, type MessagesRequest, TRANSLATED_FIELDS, type ToolResultContentBlock } from './messages-request.js';

function invalidParam(param: string, message: string): StewardError {
  return new StewardError({ code: 'VALIDATION_FAILED', message: `${param}: ${message}`, details: { param } });
}

/**
 * A text, image or document block as a chat content part. What only an Anthropic upstream can take
 * (a document by URL) is named in `anthropicOnly` and left out of the translation.
 */
function contentPart(block: ToolResultContentBlock, param: string, anthropicOnly: string[]): ContentPart[] {
  if (block.type === 'text') return [{ type: 'text', text: block.text }];
  if (block.type === 'image') {
    const source = block.source;
    return [{ type: 'image_url', image_url: { url: source.type === 'base64' ? `data:${source.media_type};base64,${source.data}` : source.url } }];
  }
  const source = block.source;
  if (source.type === 'text') return [{ type: 'text', text: source.data }];
  if (source.type === 'base64') return [{ type: 'file', file: { file_data: `data:${source.media_type};base64,${source.data}`, ...(block.title ? { filename: block.title } : {}) } }];
  anthropicOnly.push(`${param} (a document by URL)`);
  return [];
}

function toolResultContent(block: Extract<ContentBlock, { type: 'tool_result' }>, param: string, anthropicOnly: string[]): string | ContentPart[] {
  const parts: ContentPart[] =
    typeof block.content === 'string' || block.content === undefined
      ? [{ type: 'text', text: block.content ?? '' }]
      : block.content.flatMap((b, i) => contentPart(b, `${param}.content.${i}`, anthropicOnly));
  // Chat has no error flag on a tool result: the model reads it in the text instead.
  if (block.is_error) return [{ type: 'text', text: '[tool error]' }, ...parts];
  return parts.length === 1 && parts[0].type === 'text' ? parts[0].text : parts;
}

/**
 * The chat messages of a Messages conversation. Every tool_result must answer a tool_use of the
 * assistant turn just before it, as Anthropic requires.
 * @throws StewardError VALIDATION_FAILED naming the block
 */
export function chatMessagesOf(request: Pick<MessagesRequest, 'system' | 'messages'>, anthropicOnly: string[] = []): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (request.system !== undefined) {
    const text = typeof request.system === 'string' ? request.system : request.system.map((b) => b.text).join('\n');
    if (text !== '') out.push({ role: 'system', content: text });
  }
  let pendingToolUses = new Set<string>();
  for (const [m, message] of request.messages.entries()) {
    const blocks: ContentBlock[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (message.role === 'assistant') {
      const text: string[] = [];
      const calls: ToolCall[] = [];
      for (const [b, block] of blocks.entries()) {
        const param = `messages.${m}.content.${b}`;
        if (block.type === 'text') text.push(block.text);
        else if (block.type === 'tool_use') calls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
        // Earlier turns' thinking is context only Anthropic reads (it drops it itself); other models never see it.
        else if (block.type === 'thinking' || block.type === 'redacted_thinking') continue;
        else throw invalidParam(param, `a ${block.type} block cannot be in an assistant message`);
      }
      out.push({ role: 'assistant', content: text.length > 0 ? text.join('') : null, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
      pendingToolUses = new Set(calls.map((call) => call.id));
      continue;
    }
    const parts: ContentPart[] = [];
    for (const [b, block] of blocks.entries()) {
      const param = `messages.${m}.content.${b}`;
      if (block.type === 'tool_result') {
        if (!pendingToolUses.has(block.tool_use_id)) {
          throw invalidParam(`${param}.tool_use_id`, `tool_result block '${block.tool_use_id}' has no matching tool_use block in the assistant message before it`);
        }
        if (parts.length > 0) throw invalidParam(param, 'tool_result blocks must come before any other content in a user message');
        pendingToolUses.delete(block.tool_use_id);
        out.push({ role: 'tool', tool_call_id: block.tool_use_id, content: toolResultContent(block, param, anthropicOnly) });
      } else if (block.type === 'text' || block.type === 'image' || block.type === 'document') {
        parts.push(...contentPart(block, param, anthropicOnly));
      } else {
        throw invalidParam(param, `a ${block.type} block cannot be in a user message`);
      }
    }
    pendingToolUses = new Set();
    if (parts.length > 0) out.push({ role: 'user', content: parts.every((p) => p.type === 'text') && parts.length === 1 ? (parts[0] as { text: string }).text : parts });
  }
  return out;
}

function chatTools(request: MessagesRequest, anthropicOnly: string[]): { tools?: Tool[]; tool_choice?: ToolChoice; parallel_tool_calls?: boolean } {
  const tools = request.tools?.flatMap((tool, i): Tool[] => {
    // Anthropic's server tools (web search, code execution, …) run at Anthropic: no chat equivalent.
    if (tool.type !== undefined && tool.type !== 'custom') {
      anthropicOnly.push(`tools.${i} (server tool ${tool.type})`);
      return [];
    }
    if (!tool.input_schema) throw invalidParam(`tools.${i}.input_schema`, 'Field required');
    return [{ type: 'function', function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.input_schema } }];
  });
  const choice = request.tool_choice;
  let toolChoice: ToolChoice | undefined;
  if (choice?.type === 'auto') toolChoice = 'auto';
  else if (choice?.type === 'any') toolChoice = 'required';
  else if (choice?.type === 'none') toolChoice = 'none';
  else if (choice?.type === 'tool') toolChoice = { type: 'function', function: { name: choice.name } };
  return {
    ...(tools && tools.length > 0 ? { tools } : {}),
    ...(toolChoice && tools && tools.length > 0 ? { tool_choice: toolChoice } : {}),
    ...(choice && 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use ? { parallel_tool_calls: false } : {}),
  };
}

/** What only an Anthropic upstream can honour: thinking on, and fields the translation does not map. */
function anthropicOnlyFields(request: MessagesRequest): string[] {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || value === null || TRANSLATED_FIELDS.includes(key)) continue;
    if (key === 'thinking' && (value as { type?: string }).type === 'disabled') continue;
    fields.push(key);
  }
  return fields;
}


/**
 * The chat request for a Messages request, carrying the original for Anthropic upstreams.
 * @throws StewardError VALIDATION_FAILED / UNSUPPORTED_PARAMETER (400) naming the field
 */
export function messagesToChat(request: MessagesRequest, headers: Record<string, string>): ChatRequest {
  // `stream` is the transport's, set by the provider: left out so a stream and a call share a cache key.
  const { stream: _stream, variables, ...body } = request;
  const anthropicOnly = anthropicOnlyFields(request);
  const messages = chatMessagesOf(request, anthropicOnly);
  const tools = chatTools(request, anthropicOnly);
  const native: NativeMessagesRequest = { body, headers, anthropicOnly };
  const userId = request.metadata?.user_id;
  const chat: ChatRequest = {
    model: request.model,
    messages,
    max_tokens: request.max_tokens,
    ...tools,
    ...(request.stop_sequences && request.stop_sequences.length > 0 ? { stop: request.stop_sequences } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.top_p !== undefined ? { top_p: request.top_p } : {}),
    ...(request.top_k !== undefined ? { top_k: request.top_k } : {}),
    // Anthropic's metadata.user_id is OpenAI's user: pseudonymised on the trace, used by A-B splits.
    ...(userId ? { user: userId } : {}),
    // A route bound to a prompt renders it from these (the pipeline's bind-prompt stage).
    ...(variables !== undefined ? { variables } : {}),
  };
  return { ...chat, [NATIVE_MESSAGES_FIELD]: native } as ChatRequest;
}
