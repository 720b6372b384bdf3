// A Gemini generateContent response → an OpenAI chat completion: one choice per candidate, text
// parts joined, function calls as tool calls; a blocked prompt becomes a content_filter choice.
import { newId, unixSeconds } from '../shared/index.js';
import type { ChatChoice, ChatCompletion, ToolCall } from '../spec/index.js';
import type { GeminiCandidate, GeminiResponse } from './gemini-api-types.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiUsage } from './map-gemini-usage.js';

export function mapGeminiResponse(response: GeminiResponse, model: string, created: number = unixSeconds()): ChatCompletion {
  const candidates = response.candidates ?? [];
  const choices: ChatChoice[] =
    candidates.length > 0
      ? candidates.map((candidate, position) => mapCandidate(candidate, position))
      : [{ index: 0, message: { role: 'assistant', content: null, refusal: null }, finish_reason: response.promptFeedback?.blockReason ? 'content_filter' : 'stop', logprobs: null }];
  return {
    id: response.responseId ?? newId('chatcmpl-'),
    object: 'chat.completion',
    created,
    model: response.modelVersion ?? model,
    choices,
    ...(response.usageMetadata ? { usage: mapGeminiUsage(response.usageMetadata) } : {}),
  };
}

function mapCandidate(candidate: GeminiCandidate, position: number): ChatChoice {
  const { text, toolCalls } = readParts(candidate);
  return {
    index: candidate.index ?? position,
    message: { role: 'assistant', content: text, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
    finish_reason: mapGeminiFinishReason(candidate.finishReason, toolCalls.length > 0) ?? 'stop',
    logprobs: null,
  };
}

/** The text (null when none) and function calls of a candidate's parts; thought parts are left out. */
export function readParts(candidate: GeminiCandidate): { text: string | null; toolCalls: ToolCall[] } {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if ('thought' in part && part.thought === true) continue;
    if ('text' in part && typeof part.text === 'string') texts.push(part.text);
    if ('functionCall' in part && typeof part.functionCall === 'object' && part.functionCall !== null) {
      const call = part.functionCall as { id?: string; name: string; args?: unknown };
      toolCalls.push({ id: call.id ?? newId('call_'), type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) } });
    }
  }
  return { text: texts.length > 0 ? texts.join('') : null, toolCalls };
}
