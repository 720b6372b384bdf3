// The request sent for one item: the prompt's system message and template around the item's input,
// with the run's sampling parameters.
import { type DatasetItem, type ItemInput, inputText } from '../../datasets/index.js';
import type { ChatMessage, ChatRequest } from '../../providers/spec/index.js';
import type { RunParams } from './run-spec.js';

/** A resolved prompt: what the run sends around each input. */
export interface ResolvedPrompt {
  system?: string;
  template?: string;
  /** The prompt version this came from, when it came from the prompts part. */
  ref?: { name: string; version: string | number };
}

function fill(template: string, input: string, metadata: Record<string, unknown> | undefined): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => {
    if (key === 'input') return input;
    const path = key.startsWith('metadata.') ? key.slice(9) : key;
    const value = metadata?.[path];
    return value === undefined ? whole : typeof value === 'string' ? value : JSON.stringify(value);
  });
}

export function renderMessages(input: ItemInput, prompt: ResolvedPrompt | undefined, metadata?: Record<string, unknown>): ChatMessage[] {
  const messages: ChatMessage[] = typeof input === 'string' ? [{ role: 'user', content: input }] : [...input];
  if (prompt?.template !== undefined) {
    const last = messages.map((m) => m.role).lastIndexOf('user');
    const text = typeof input === 'string' ? input : inputText(input);
    if (last >= 0) messages[last] = { role: 'user', content: fill(prompt.template, typeof input === 'string' ? text : String(messages[last].content ?? ''), metadata) };
  }
  if (prompt?.system !== undefined) messages.unshift({ role: 'system', content: fill(prompt.system, '', metadata) });
  return messages;
}

export function buildItemRequest(target: string, item: Pick<DatasetItem, 'input' | 'metadata'>, prompt: ResolvedPrompt | undefined, params: RunParams): ChatRequest {
  const request: ChatRequest = { model: target, messages: renderMessages(item.input, prompt, item.metadata) };
  if (params.temperature !== undefined) request.temperature = params.temperature;
  if (params.max_tokens !== undefined) request.max_tokens = params.max_tokens;
  if (params.seed !== undefined) request.seed = params.seed;
  return request;
}
