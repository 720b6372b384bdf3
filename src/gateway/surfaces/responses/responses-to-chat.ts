// Translation of a Responses request into a chat completion request: instructions become the system
// message, input items (after the conversation of previous_response_id) become messages, function
// tools and text.format map one to one. What has no chat equivalent is refused by name, never dropped.
import { StewardError } from '../../../errors/index.js';
import type { ChatMessage, ChatRequest, ContentPart, Tool, ToolCall, ToolChoice } from '../../../providers/spec/index.js';
import type { FunctionCallInputItem, FunctionCallOutputInputItem, FunctionTool, InputContentPart, InputItem, MessageInputItem, ResponsesRequest } from './responses-request.js';

/** Items with references already resolved (see the service): what the conversation holds. */
export type ResolvedItem = Exclude<InputItem, { type: 'item_reference' }>;

function invalid(message: string, param: string): StewardError {
  return new StewardError({ code: 'VALIDATION_FAILED', message, details: { param } });
}

/** The input of a request as items: a string is one user message. */
export function inputItemsOf(request: ResponsesRequest): InputItem[] {
  if (request.input === undefined) return [];
  if (typeof request.input === 'string') return [{ type: 'message', role: 'user', content: request.input }];
  return request.input;
}

/** The refusal of built-in tools by a provider that translates to chat completions. */
export function builtInToolsRefusal(builtIn: readonly string[], provider: string): StewardError {
  return new StewardError({
    code: 'UNSUPPORTED_PARAMETER',
    message: `built-in tools (${builtIn.join(', ')}) need an upstream with native Responses support; provider ${provider} is translated to chat completions, which has function tools only`,
    details: { param: 'tools' },
  });
}

/** Built-in tools (web_search, file_search, computer use, …) have no chat completions equivalent. */
export function builtInTools(request: ResponsesRequest): string[] {
  return (request.tools ?? []).map((tool) => tool.type).filter((type) => type !== 'function');
}

function partToChat(part: InputContentPart, param: string): ContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image':
      if (!part.image_url) throw invalid(`${param}: input_image needs image_url (a URL or data URL); file ids are not supported when translating to chat completions`, param);
      return { type: 'image_url', image_url: { url: part.image_url, ...(part.detail ? { detail: part.detail } : {}) } };
    case 'input_file':
      if (part.file_url) throw invalid(`${param}: input_file with file_url is not supported when translating to chat completions; send file_data`, param);
      if (!part.file_data && !part.file_id) throw invalid(`${param}: input_file needs file_data or file_id`, param);
      return { type: 'file', file: { ...(part.file_data ? { file_data: part.file_data } : {}), ...(part.file_id ? { file_id: part.file_id } : {}), ...(part.filename ? { filename: part.filename } : {}) } };
  }
}

function textOf(content: string | InputContentPart[], param: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, i) => {
      const chat = partToChat(part, `${param}[${i}]`);
      if (chat.type !== 'text') throw invalid(`${param}[${i}]: only text parts are allowed here`, `${param}[${i}]`);
      return chat.text;
    })
    .join('');
}

function messageToChat(item: MessageInputItem, param: string): ChatMessage {
  if (item.role === 'assistant') {
    if (typeof item.content === 'string') return { role: 'assistant', content: item.content };
    const refusal = item.content.find((part) => part.type === 'refusal');
    const text = item.content.filter((part) => part.type !== 'refusal');
    return { role: 'assistant', content: text.length > 0 ? textOf(text, `${param}.content`) : null, ...(refusal ? { refusal: refusal.refusal } : {}) };
  }
  const parts = typeof item.content === 'string' ? item.content : item.content.map((part, i) => partToChat(part, `${param}.content[${i}]`));
  // A single text part is sent as plain content: every upstream family takes that form.
  const content = typeof parts !== 'string' && parts.length === 1 && parts[0].type === 'text' ? parts[0].text : parts;
  if (item.role === 'system' || item.role === 'developer') {
    return { role: item.role, content: typeof content === 'string' ? content : textOf(item.content as InputContentPart[], `${param}.content`) };
  }
  return { role: 'user', content };
}

function toolToChat(tool: FunctionTool): Tool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      ...(tool.parameters ? { parameters: tool.parameters } : {}),
      ...(tool.strict !== undefined && tool.strict !== null ? { strict: tool.strict } : {}),
    },
  };
}

function toolChoiceToChat(choice: ResponsesRequest['tool_choice']): ToolChoice | undefined {
  if (choice === undefined || typeof choice === 'string') return choice;
  if (choice.type === 'function' && choice.name) return { type: 'function', function: { name: choice.name } };
  throw invalid(`tool_choice of type ${choice.type} is not supported when translating to chat completions`, 'tool_choice');
}

function responseFormatOf(request: ResponsesRequest): ChatRequest['response_format'] {
  const format = request.text?.format;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name,
      ...(format.description ? { description: format.description } : {}),
      schema: format.schema,
      ...(format.strict !== undefined && format.strict !== null ? { strict: format.strict } : {}),
    },
  };
}

/**
 * The conversation as chat messages: function calls join the assistant message before them, their
 * outputs become tool messages. A function_call_output whose call_id no earlier function_call has is refused.
 * @throws StewardError VALIDATION_FAILED (400)
 */
export function itemsToMessages(items: readonly { item: ResolvedItem; param: string }[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const calls = new Set<string>();
  for (const { item, param } of items) {
    if (item.type === 'function_call') {
      const call = item as FunctionCallInputItem;
      calls.add(call.call_id);
      const toolCall: ToolCall = { id: call.call_id, type: 'function', function: { name: call.name, arguments: call.arguments } };
      const last = messages.at(-1);
      if (last?.role === 'assistant') last.tool_calls = [...(last.tool_calls ?? []), toolCall];
      else messages.push({ role: 'assistant', content: null, tool_calls: [toolCall] });
      continue;
    }
    if (item.type === 'function_call_output') {
      const output = item as FunctionCallOutputInputItem;
      if (!calls.has(output.call_id)) throw invalid(`${param}: no function_call with call_id ${output.call_id} precedes this function_call_output`, param);
      messages.push({ role: 'tool', tool_call_id: output.call_id, content: textOf(output.output, `${param}.output`) });
      continue;
    }
    if (item.type !== undefined && item.type !== 'message') throw invalid(`${param}: an item of type ${String(item.type)} cannot be translated to chat completions`, param);
    messages.push(messageToChat(item as MessageInputItem, param));
  }
  return messages;
}

/**
 * The chat completion request for a Responses request over the given conversation.
 * @throws StewardError VALIDATION_FAILED (400) for what chat completions cannot carry
 */
export function responsesToChat(request: ResponsesRequest, conversation: readonly { item: ResolvedItem; param: string }[]): ChatRequest {
  const messages: ChatMessage[] = [];
  if (request.instructions) messages.push({ role: 'system', content: request.instructions });
  messages.push(...itemsToMessages(conversation));
  // With variables, a route's bound prompt may supply the whole conversation (the gateway's bind stage checks).
  if (messages.length === 0 && request.variables === undefined) throw invalid('input: a response needs at least one input item (or instructions)', 'input');
  // Built-in tools stay out of the chat request: only a native upstream gets them (see builtInToolsRefusal).
  const tools = (request.tools ?? []).filter((tool) => tool.type === 'function') as FunctionTool[];
  const chat: ChatRequest = { model: request.model, messages };
  if (tools.length > 0) chat.tools = tools.map(toolToChat);
  const toolChoice = toolChoiceToChat(request.tool_choice);
  if (toolChoice !== undefined) chat.tool_choice = toolChoice;
  if (request.parallel_tool_calls !== undefined && request.parallel_tool_calls !== null && tools.length > 0) chat.parallel_tool_calls = request.parallel_tool_calls;
  const format = responseFormatOf(request);
  if (format) chat.response_format = format;
  if (request.reasoning?.effort) chat.reasoning_effort = request.reasoning.effort;
  if (request.text?.verbosity) chat.verbosity = request.text.verbosity;
  if (request.max_output_tokens !== undefined && request.max_output_tokens !== null) chat.max_completion_tokens = request.max_output_tokens;
  if (request.temperature !== undefined && request.temperature !== null) chat.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) chat.top_p = request.top_p;
  if (request.user !== undefined) chat.user = request.user;
  if (request.safety_identifier !== undefined) chat.safety_identifier = request.safety_identifier;
  if (request.variables !== undefined) return { ...chat, variables: request.variables } as ChatRequest;
  return chat;
}
