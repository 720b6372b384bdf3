// The Response object of OpenAI's Responses API as Steward builds it, and its output items. Only
// the fields Steward produces are typed; a native upstream's object passes through as it came.

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
  logprobs: unknown[];
}
export interface OutputRefusal {
  type: 'refusal';
  refusal: string;
}
export interface OutputMessage {
  type: 'message';
  id: string;
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: (OutputText | OutputRefusal)[];
}
export interface FunctionCallOutputItem {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}
export type OutputItem = OutputMessage | FunctionCallOutputItem;

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponseStatus = 'completed' | 'failed' | 'in_progress' | 'incomplete';

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  completed_at: number | null;
  status: ResponseStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  model: string;
  output: OutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: string | null; summary: string | null } | null;
  store: boolean;
  temperature: number | null;
  text: { format: Record<string, unknown>; verbosity?: string | null };
  tool_choice: unknown;
  tools: unknown[];
  top_p: number | null;
  truncation: 'auto' | 'disabled';
  /** Absent until the response has finished. */
  usage?: ResponseUsage;
  /** Absent unless the request named one (the spec types it as a string, never null). */
  user?: string;
  safety_identifier?: string | null;
  metadata: Record<string, string>;
}

/** The text of every output_text part, as the SDKs' `output_text` convenience property. */
export function outputTextOf(response: { output: unknown[] }): string {
  let text = '';
  for (const item of response.output as { type?: string; content?: { type?: string; text?: string }[] }[]) {
    if (item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) if (part.type === 'output_text' && typeof part.text === 'string') text += part.text;
  }
  return text;
}
