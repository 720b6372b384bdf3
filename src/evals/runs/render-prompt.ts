// The request sent for one item: the prompt's system message and template around the item's input,
// with the run's sampling parameters.
import { type DatasetItem, type ItemInput, inputText, lastUserText, passageOf } from '../../datasets/index.js';
import type { ChatMessage, ChatRequest } from '../../providers/spec/index.js';
import type { RunParams } from './run-spec.js';

/** A resolved prompt: what the run sends around each input. */
export interface ResolvedPrompt {
  system?: string;
  template?: string;
  /** The prompt version this came from, when it came from the prompts part. */
  ref?: { name: string; version: string | number };
  /** Renders a stored prompt version with an item's variables (`input` and its metadata). */
  render?: (variables: Readonly<Record<string, string | number | boolean>>) => Promise<ChatMessage[]>;
}

/** A RAG item's retrieved passages as prompt text, `[1] …` one per paragraph (what `{{contexts}}` renders). */
export function contextsText(item: Pick<DatasetItem, 'contexts'>): string | undefined {
  if (item.contexts === undefined || item.contexts.length === 0) return undefined;
  return item.contexts.map((passage, i) => `[${i + 1}] ${passageOf(passage).text}`).join('\n\n');
}

/** The variables an item offers a stored prompt: `input` (its text), its scalar metadata and `contexts` for RAG items. */
export function itemVariables(item: Pick<DatasetItem, 'input' | 'metadata' | 'contexts'>): Record<string, string | number | boolean> {
  const variables: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(item.metadata ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') variables[key] = value;
  }
  variables.input = typeof item.input === 'string' ? item.input : lastUserText(item.input);
  const contexts = contextsText(item);
  if (contexts !== undefined) variables.contexts = contexts;
  return variables;
}

function fill(template: string, input: string, metadata: Record<string, unknown> | undefined, contexts?: string): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => {
    if (key === 'input') return input;
    if (key === 'contexts' && contexts !== undefined) return contexts;
    const path = key.startsWith('metadata.') ? key.slice(9) : key;
    const value = metadata?.[path];
    return value === undefined ? whole : typeof value === 'string' ? value : JSON.stringify(value);
  });
}

export function renderMessages(input: ItemInput, prompt: ResolvedPrompt | undefined, metadata?: Record<string, unknown>, contexts?: string): ChatMessage[] {
  const messages: ChatMessage[] = typeof input === 'string' ? [{ role: 'user', content: input }] : [...input];
  if (prompt?.template !== undefined) {
    const last = messages.map((m) => m.role).lastIndexOf('user');
    const text = typeof input === 'string' ? input : inputText(input);
    if (last >= 0) messages[last] = { role: 'user', content: fill(prompt.template, typeof input === 'string' ? text : String(messages[last].content ?? ''), metadata, contexts) };
  }
  if (prompt?.system !== undefined) messages.unshift({ role: 'system', content: fill(prompt.system, '', metadata, contexts) });
  return messages;
}

/** The request for one item; a stored prompt version is rendered with the item's variables. */
export async function buildItemRequest(target: string, item: Pick<DatasetItem, 'input' | 'metadata' | 'contexts'>, prompt: ResolvedPrompt | undefined, params: RunParams): Promise<ChatRequest> {
  const messages = prompt?.render ? await prompt.render(itemVariables(item)) : renderMessages(item.input, prompt, item.metadata, contextsText(item));
  const request: ChatRequest = { model: target, messages };
  if (params.temperature !== undefined) request.temperature = params.temperature;
  if (params.max_tokens !== undefined) request.max_tokens = params.max_tokens;
  if (params.seed !== undefined) request.seed = params.seed;
  return request;
}
