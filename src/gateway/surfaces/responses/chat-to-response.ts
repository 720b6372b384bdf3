// Translation of a chat completion (or its folded stream) into a Response object: text and refusal
// become one assistant message item, each tool call a function_call item; a `length` finish makes
// the response incomplete (max_output_tokens), as OpenAI's does.
import type { ChatCompletion, FinishReason, Usage } from '../../../providers/spec/index.js';
import { newId } from '../../../store/index.js';
import type { OutputItem, ResponseObject, ResponseUsage } from './response-object.js';
import type { ResponsesRequest } from './responses-request.js';

export function responseUsage(usage: Usage | undefined | null): ResponseUsage | undefined {
  if (!usage) return undefined;
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0, cache_write_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens,
  };
}

/** The Response object as it stands before any output: what `response.created` carries. */
export function responseShell(id: string, request: ResponsesRequest, createdAt: number): ResponseObject {
  const format = request.text?.format ?? { type: 'text' };
  return {
    id,
    object: 'response',
    created_at: createdAt,
    completed_at: null,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: request.model,
    output: [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: request.reasoning ? { effort: request.reasoning.effort ?? null, summary: request.reasoning.summary ?? null } : null,
    store: request.store ?? true,
    temperature: request.temperature ?? 1,
    text: { format, ...(request.text?.verbosity ? { verbosity: request.text.verbosity } : {}) },
    tool_choice: request.tool_choice ?? 'auto',
    tools: (request.tools ?? []).map((tool) => (tool.type === 'function' ? { description: null, parameters: null, strict: null, ...tool } : tool)),
    top_p: request.top_p ?? 1,
    truncation: request.truncation ?? 'disabled',
    ...(request.user !== undefined ? { user: request.user } : {}),
    ...(request.safety_identifier !== undefined ? { safety_identifier: request.safety_identifier } : {}),
    metadata: request.metadata ?? {},
  };
}

/** How a chat finish reason ends a response. */
export function finishOf(reason: FinishReason | null | undefined): Pick<ResponseObject, 'status' | 'incomplete_details'> {
  if (reason === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/** The output items of a chat completion's first choice. */
export function outputItemsOf(completion: ChatCompletion, itemStatus: 'completed' | 'incomplete'): OutputItem[] {
  const message = completion.choices[0]?.message;
  if (!message) return [];
  const items: OutputItem[] = [];
  if ((message.content !== null && message.content !== '') || message.refusal) {
    const content: (OutputItem & { type: 'message' })['content'] = [];
    if (message.content) content.push({ type: 'output_text', text: message.content, annotations: [], logprobs: [] });
    if (message.refusal) content.push({ type: 'refusal', refusal: message.refusal });
    items.push({ type: 'message', id: newId('msg'), status: itemStatus, role: 'assistant', content });
  }
  for (const call of message.tool_calls ?? []) {
    items.push({ type: 'function_call', id: newId('fc'), call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: 'completed' });
  }
  return items;
}

/** The finished Response for a chat completion. */
export function chatToResponse(shell: ResponseObject, completion: ChatCompletion, completedAt: number): ResponseObject {
  const finish = finishOf(completion.choices[0]?.finish_reason);
  return {
    ...shell,
    ...finish,
    completed_at: finish.status === 'completed' ? completedAt : null,
    output: outputItemsOf(completion, finish.status === 'completed' ? 'completed' : 'incomplete'),
    ...withUsage(completion.usage),
  };
}

/** The `usage` field when there is usage to report (the spec has no null for it). */
export function withUsage(usage: Usage | undefined | null): { usage?: ResponseUsage } {
  const mapped = responseUsage(usage);
  return mapped ? { usage: mapped } : {};
}
