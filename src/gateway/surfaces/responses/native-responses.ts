// Passing /v1/responses through to an upstream's own /responses (providers configured `responses:
// 'native'`). The upstream body is rebuilt from the chat request the gateway hands the target — so
// upstream redaction, a route's prompt and target parameters apply as on every call — plus what only
// the Responses API has (built-in tools, reasoning, include, …) from the client's request. The
// upstream's answer is folded into a chat completion for usage, cache and trace; the client gets the
// upstream's own Response.
import { StewardError } from '../../../errors/index.js';
import type { ChatChunk, ChatCompletion, ChatMessage, ChatRequest, FinishReason } from '../../../providers/spec/index.js';
import { newId } from '../../../store/index.js';
import type { ResponsesRequest } from './responses-request.js';

type Json = Record<string, unknown>;

function contentToParts(content: Extract<ChatMessage, { role: 'user' }>['content'], role: 'user' | 'system' | 'developer'): string | Json[] {
  if (typeof content === 'string') return content;
  return content.map((part) => {
    if (part.type === 'text') return { type: 'input_text', text: part.text };
    if (part.type === 'image_url') return { type: 'input_image', image_url: part.image_url.url, detail: part.image_url.detail ?? 'auto' };
    if (part.type === 'file') return { type: 'input_file', ...part.file };
    // The translation never makes audio parts; one here came from a route's prompt.
    throw new StewardError({ code: 'UNSUPPORTED_PARAMETER', message: `a ${role} message with an ${part.type} part cannot be sent to a Responses upstream`, details: { param: 'input' } });
  });
}

/** Chat messages back as Responses input items. */
export function chatToResponsesInput(messages: readonly ChatMessage[]): Json[] {
  const items: Json[] = [];
  for (const message of messages) {
    if (message.role === 'tool') {
      items.push({ type: 'function_call_output', call_id: message.tool_call_id, output: typeof message.content === 'string' ? message.content : message.content.map((p) => (p.type === 'text' ? p.text : '')).join('') });
      continue;
    }
    if (message.role === 'assistant') {
      const text = typeof message.content === 'string' ? message.content : (message.content ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
      if (text) items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });
      for (const call of message.tool_calls ?? []) items.push({ type: 'function_call', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
      continue;
    }
    items.push({ type: 'message', role: message.role, content: contentToParts(message.content, message.role) });
  }
  return items;
}

/** The body for the upstream's /responses: the conversation from the chat request, Responses-only fields from the client's. */
export function nativeResponsesBody(original: ResponsesRequest, chat: ChatRequest): Json {
  const { input: _input, instructions: _instructions, previous_response_id: _previous, store: _store, stream: _stream, metadata: _metadata, user: _user, variables: _variables, ...rest } = original;
  const body: Json = { ...rest, model: chat.model, input: chatToResponsesInput(chat.messages), store: false };
  if (chat.temperature !== undefined && chat.temperature !== null) body.temperature = chat.temperature;
  if (chat.top_p !== undefined && chat.top_p !== null) body.top_p = chat.top_p;
  const maxTokens = chat.max_completion_tokens ?? chat.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) body.max_output_tokens = maxTokens;
  if (chat.user !== undefined) body.user = chat.user;
  return body;
}

function finishReasonOf(status: unknown, incomplete: unknown, hasCalls: boolean): FinishReason {
  if (status === 'incomplete') return (incomplete as { reason?: string } | null)?.reason === 'content_filter' ? 'content_filter' : 'length';
  return hasCalls ? 'tool_calls' : 'stop';
}

function usageOf(raw: unknown): ChatCompletion['usage'] {
  const usage = raw as { input_tokens?: number; output_tokens?: number; total_tokens?: number; input_tokens_details?: { cached_tokens?: number }; output_tokens_details?: { reasoning_tokens?: number } } | null | undefined;
  if (!usage || typeof usage.input_tokens !== 'number') return undefined;
  const output = usage.output_tokens ?? 0;
  return {
    prompt_tokens: usage.input_tokens,
    completion_tokens: output,
    total_tokens: usage.total_tokens ?? usage.input_tokens + output,
    prompt_tokens_details: { cached_tokens: usage.input_tokens_details?.cached_tokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.output_tokens_details?.reasoning_tokens ?? 0 },
  };
}

/** A native Response folded into a chat completion (text, refusal, function calls, usage). */
export function nativeResponseToChat(raw: Json, model: string): ChatCompletion {
  let text = '';
  let refusal: string | null = null;
  const toolCalls: NonNullable<ChatCompletion['choices'][number]['message']['tool_calls']> = [];
  for (const item of (Array.isArray(raw.output) ? raw.output : []) as Json[]) {
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content as Json[]) {
        if (part.type === 'output_text' && typeof part.text === 'string') text += part.text;
        if (part.type === 'refusal' && typeof part.refusal === 'string') refusal = part.refusal;
      }
    }
    if (item.type === 'function_call') toolCalls.push({ id: String(item.call_id), type: 'function', function: { name: String(item.name), arguments: String(item.arguments ?? '') } });
  }
  return {
    id: typeof raw.id === 'string' ? raw.id : newId('chatcmpl'),
    object: 'chat.completion',
    created: typeof raw.created_at === 'number' ? Math.floor(raw.created_at) : Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text || null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}), refusal }, finish_reason: finishReasonOf(raw.status, raw.incomplete_details, toolCalls.length > 0), logprobs: null }],
    usage: usageOf(raw.usage),
  };
}

/**
 * The upstream event each folded chunk came from: the gateway hands the chunks on as they are, so the
 * surface re-emits the upstream's own events (built-in tool items included) rather than its fold.
 */
const upstreamEvents = new WeakMap<ChatChunk, Json & { type: string }>();

/** The upstream's own event behind a chunk of a native stream. */
export function upstreamEventOf(chunk: ChatChunk): (Json & { type: string }) | undefined {
  return upstreamEvents.get(chunk);
}

/** A native event stream folded into chat chunks (text deltas, function calls and their argument deltas, finish and usage), one or more per event. */
export async function* nativeEventsToChunks(events: AsyncIterable<Json & { type: string }>, model: string): AsyncGenerator<ChatChunk> {
  const id = newId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: ChatChunk['choices'][number]['delta'], finish: FinishReason | null = null): ChatChunk => ({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] });
  const callIndex = new Map<string, number>();
  for await (const event of events) {
    for (const folded of foldEvent(event)) {
      if (folded === undefined) continue;
      yield folded;
    }
  }

  function* foldEvent(event: Json & { type: string }): Generator<ChatChunk | undefined> {
    const first = foldOne(event) ?? chunk({});
    upstreamEvents.set(first, event);
    yield first;
    if (event.type === 'response.completed' || event.type === 'response.incomplete') {
      const usage = usageOf(((event.response ?? {}) as Json).usage);
      if (usage) yield { id, object: 'chat.completion.chunk', created, model, choices: [], usage };
    }
  }

  function foldOne(event: Json & { type: string }): ChatChunk | undefined {
    if (event.type === 'response.output_text.delta' && typeof event.delta === 'string') return chunk({ content: event.delta });
    if (event.type === 'response.output_item.added' && (event.item as Json | undefined)?.type === 'function_call') {
      const item = event.item as Json;
      const index = callIndex.size;
      callIndex.set(String(item.id), index);
      return chunk({ tool_calls: [{ index, id: String(item.call_id), type: 'function', function: { name: String(item.name), arguments: '' } }] });
    }
    if (event.type === 'response.function_call_arguments.delta' && typeof event.delta === 'string') {
      const index = callIndex.get(String(event.item_id));
      return index === undefined ? undefined : chunk({ tool_calls: [{ index, function: { arguments: event.delta } }] });
    }
    if (event.type === 'response.completed' || event.type === 'response.incomplete') {
      const response = (event.response ?? {}) as Json;
      return chunk({}, finishReasonOf(response.status, response.incomplete_details, callIndex.size > 0));
    }
    return undefined;
  }
}
