// OpenAI-compatible servers (vLLM, Ollama, llama.cpp, TGI…) leave out fields OpenAI always sends;
// these fill the gaps so the gateway always hands clients complete OpenAI objects.
import { newId, unixSeconds } from '../shared/index.js';
import type {
  ChatChunk,
  ChatCompletion,
  EmbeddingResult,
  ModelInfo,
  TextCompletion,
} from '../spec/index.js';

type Loose<T> = Partial<T> & Record<string, unknown>;
/** An upstream JSON object whose fields are trusted only once normalised. */
export type UpstreamObject = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for an object with a `choices` array (chat or text completion, chunk or not). */
export function hasChoices(value: unknown): value is UpstreamObject & { choices: unknown[] } {
  return isRecord(value) && Array.isArray(value.choices);
}

/** True for a list object with a `data` array (embeddings, models). */
export function hasData(value: unknown): value is UpstreamObject & { data: unknown[] } {
  return isRecord(value) && Array.isArray(value.data);
}

export function normalizeChatCompletion(upstream: UpstreamObject, model: string): ChatCompletion {
  const raw = upstream as Loose<ChatCompletion>;
  return {
    ...raw,
    id: raw.id ?? newId('chatcmpl-'),
    object: 'chat.completion',
    created: raw.created ?? unixSeconds(),
    model: raw.model ?? model,
    choices: (raw.choices ?? []).map((choice, index) => ({
      ...choice,
      index: choice.index ?? index,
      message: { ...choice.message, role: 'assistant', content: choice.message?.content ?? null, refusal: choice.message?.refusal ?? null },
      finish_reason: choice.finish_reason ?? null,
      logprobs: choice.logprobs ?? null,
    })),
  };
}

export function normalizeChatChunk(upstream: UpstreamObject, model: string, id: string, created: number): ChatChunk {
  const raw = upstream as Loose<ChatChunk>;
  return {
    ...raw,
    id: raw.id ?? id,
    object: 'chat.completion.chunk',
    created: raw.created ?? created,
    model: raw.model ?? model,
    choices: (raw.choices ?? []).map((choice, index) => ({
      ...choice,
      index: choice.index ?? index,
      delta: choice.delta ?? {},
      finish_reason: choice.finish_reason ?? null,
    })),
  };
}

export function normalizeTextCompletion(upstream: UpstreamObject, model: string, id?: string, created?: number): TextCompletion {
  const raw = upstream as Loose<TextCompletion>;
  return {
    ...raw,
    id: raw.id ?? id ?? newId('cmpl-'),
    object: 'text_completion',
    created: raw.created ?? created ?? unixSeconds(),
    model: raw.model ?? model,
    choices: (raw.choices ?? []).map((choice, index) => ({
      ...choice,
      index: choice.index ?? index,
      text: choice.text ?? '',
      finish_reason: choice.finish_reason ?? null,
      logprobs: choice.logprobs ?? null,
    })),
  };
}

export function normalizeEmbeddings(upstream: UpstreamObject, model: string): EmbeddingResult {
  const raw = upstream as Loose<EmbeddingResult>;
  return {
    ...raw,
    object: 'list',
    model: raw.model ?? model,
    data: (raw.data ?? []).map((item, index) => ({ ...item, object: 'embedding', index: item.index ?? index })),
    usage: raw.usage ?? { prompt_tokens: 0, total_tokens: 0 },
  };
}

export function normalizeModels(upstream: UpstreamObject, ownedBy: string): ModelInfo[] {
  const raw = upstream as Loose<{ data: Loose<ModelInfo>[] }>;
  return (raw.data ?? [])
    .filter((model) => typeof model.id === 'string')
    .map((model) => ({
      id: model.id as string,
      object: 'model',
      created: model.created ?? 0,
      owned_by: model.owned_by ?? ownedBy,
    }));
}
