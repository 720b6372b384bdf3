// Gemini streamed responses (each a whole GenerateContentResponse) → OpenAI chat chunks. Gemini
// sends function calls whole, so each becomes one tool call delta; usage comes from the last response.
import { newId } from '../shared/index.js';
import type { ChatChunk, ChatChunkChoice, Usage } from '../spec/index.js';
import type { GeminiResponse, GeminiUsageMetadata } from './gemini-api-types.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';
import { readParts } from './map-gemini-response.js';

export interface GeminiStreamMapperOptions {
  model: string;
  created: number;
}

export interface GeminiStreamMapper {
  map(response: GeminiResponse): ChatChunk[];
  /** The usage chunk to send last, when the upstream reported usage. */
  usageChunk(): ChatChunk | undefined;
  /** True once every candidate seen has finished (or the prompt was blocked). */
  readonly finished: boolean;
  readonly usage: Usage | undefined;
}

export function createGeminiStreamMapper(options: GeminiStreamMapperOptions): GeminiStreamMapper {
  let id: string | undefined;
  let model = options.model;
  let usage: GeminiUsageMetadata | undefined;
  let started = false;
  let blocked = false;
  const toolCounts = new Map<number, number>();
  const open = new Set<number>();

  const chunk = (choices: ChatChunkChoice[], extra: Partial<ChatChunk> = {}): ChatChunk => ({
    id: id ?? '',
    object: 'chat.completion.chunk',
    created: options.created,
    model,
    choices,
    ...extra,
  });

  return {
    get finished() {
      return blocked || (started && open.size === 0);
    },
    get usage() {
      return usage ? mapGeminiUsage(usage) : undefined;
    },
    usageChunk() {
      return usage ? chunk([], { usage: mapGeminiUsage(usage) }) : undefined;
    },
    map(response) {
      id ??= response.responseId ?? newId('chatcmpl-');
      if (response.modelVersion) model = response.modelVersion;
      if (response.usageMetadata) usage = response.usageMetadata;
      const chunks: ChatChunk[] = [];
      const candidates = response.candidates ?? [];
      if (candidates.length === 0 && response.promptFeedback?.blockReason) {
        blocked = true;
        return [chunk([{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: 'content_filter' }])];
      }
      candidates.forEach((candidate, position) => {
        const index = candidate.index ?? position;
        const first = !toolCounts.has(index);
        if (first) {
          toolCounts.set(index, 0);
          open.add(index);
        }
        started = true;
        const { text, toolCalls } = readParts(candidate);
        const delta: ChatChunkChoice['delta'] = first ? { role: 'assistant' } : {};
        if (text !== null) delta.content = text;
        if (toolCalls.length > 0) {
          const before = toolCounts.get(index) ?? 0;
          delta.tool_calls = toolCalls.map((call, offset) => ({ index: before + offset, ...call }));
          toolCounts.set(index, before + toolCalls.length);
        }
        if (Object.keys(delta).length > 0) chunks.push(chunk([{ index, delta, finish_reason: null }]));
        const finish = mapGeminiFinishReason(candidate.finishReason, (toolCounts.get(index) ?? 0) > 0);
        if (finish !== null) {
          open.delete(index);
          chunks.push(chunk([{ index, delta: {}, finish_reason: finish }]));
        }
      });
      return chunks;
    },
  };
}
