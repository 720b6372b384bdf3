// Turns a stream back into one answer (for traces, the cache and usage) and one answer into a stream
// (to replay a cached answer to a streaming client).
import type { ChatChunk, ChatCompletion, FinishReason, TextCompletion, ToolCall, Usage } from '../providers/spec/index.js';

/** Folds chat chunks into a chat completion, choice by choice, tool-call deltas included. */
export class ChatStreamAssembler {
  #id = '';
  #model = '';
  #created = 0;
  #usage: Usage | undefined;
  readonly #choices = new Map<number, { content: string; finish: FinishReason | null; tools: Map<number, ToolCall>; refusal: string | null }>();

  add(chunk: ChatChunk): void {
    this.#id ||= chunk.id;
    this.#model ||= chunk.model;
    this.#created ||= chunk.created;
    if (chunk.usage) this.#usage = chunk.usage;
    for (const choice of chunk.choices) {
      let state = this.#choices.get(choice.index);
      if (!state) {
        state = { content: '', finish: null, tools: new Map(), refusal: null };
        this.#choices.set(choice.index, state);
      }
      if (choice.delta.content) state.content += choice.delta.content;
      if (choice.delta.refusal) state.refusal = (state.refusal ?? '') + choice.delta.refusal;
      if (choice.finish_reason) state.finish = choice.finish_reason;
      for (const delta of choice.delta.tool_calls ?? []) {
        const call = state.tools.get(delta.index) ?? { id: '', type: 'function' as const, function: { name: '', arguments: '' } };
        if (delta.id) call.id = delta.id;
        if (delta.function?.name) call.function.name += delta.function.name;
        if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
        state.tools.set(delta.index, call);
      }
    }
  }

  get usage(): Usage | undefined {
    return this.#usage;
  }

  /** Characters of generated text so far (to estimate tokens when the upstream gives no usage). */
  get textLength(): number {
    let n = 0;
    for (const choice of this.#choices.values()) n += choice.content.length;
    return n;
  }

  result(): ChatCompletion {
    const choices = [...this.#choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => ({
        index,
        message: {
          role: 'assistant' as const,
          content: state.content === '' && state.tools.size > 0 ? null : state.content,
          ...(state.tools.size > 0 ? { tool_calls: [...state.tools.entries()].sort(([a], [b]) => a - b).map(([, call]) => call) } : {}),
          refusal: state.refusal || null,
        },
        finish_reason: state.finish,
        logprobs: null,
      }));
    return { id: this.#id, object: 'chat.completion', created: this.#created, model: this.#model, choices, ...(this.#usage ? { usage: this.#usage } : {}) };
  }
}

/** Folds text-completion chunks into one text completion. */
export class TextStreamAssembler {
  #first: TextCompletion | undefined;
  #usage: Usage | undefined;
  readonly #choices = new Map<number, { text: string; finish: FinishReason | null }>();

  add(chunk: TextCompletion): void {
    this.#first ??= chunk;
    if (chunk.usage) this.#usage = chunk.usage;
    for (const choice of chunk.choices) {
      const state = this.#choices.get(choice.index) ?? { text: '', finish: null };
      state.text += choice.text;
      if (choice.finish_reason) state.finish = choice.finish_reason;
      this.#choices.set(choice.index, state);
    }
  }

  get usage(): Usage | undefined {
    return this.#usage;
  }

  get textLength(): number {
    let n = 0;
    for (const choice of this.#choices.values()) n += choice.text.length;
    return n;
  }

  result(): TextCompletion {
    const first = this.#first;
    return {
      id: first?.id ?? '',
      object: 'text_completion',
      created: first?.created ?? 0,
      model: first?.model ?? '',
      choices: [...this.#choices.entries()].sort(([a], [b]) => a - b).map(([index, s]) => ({ index, text: s.text, finish_reason: s.finish, logprobs: null })),
      ...(this.#usage ? { usage: this.#usage } : {}),
    };
  }
}

/** Replays a chat completion as chunks: role, content, tool calls, finish, and usage when asked. */
export function chatCompletionToChunks(completion: ChatCompletion, includeUsage: boolean): ChatChunk[] {
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const chunks: ChatChunk[] = [];
  for (const choice of completion.choices) {
    chunks.push({ ...base, choices: [{ index: choice.index, delta: { role: 'assistant', content: choice.message.content ?? '' }, finish_reason: null }] });
    if (choice.message.tool_calls?.length) {
      chunks.push({
        ...base,
        choices: [{ index: choice.index, delta: { tool_calls: choice.message.tool_calls.map((call, index) => ({ index, ...call })) }, finish_reason: null }],
      });
    }
    chunks.push({ ...base, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason ?? 'stop' }] });
  }
  if (includeUsage && completion.usage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}

/** Replays a text completion as chunks. */
export function textCompletionToChunks(completion: TextCompletion, includeUsage: boolean): TextCompletion[] {
  const chunks: TextCompletion[] = completion.choices.map((choice) => ({
    id: completion.id,
    object: 'text_completion',
    created: completion.created,
    model: completion.model,
    choices: [choice],
  }));
  if (includeUsage && completion.usage) chunks.push({ ...completion, choices: [], usage: completion.usage });
  return chunks;
}
