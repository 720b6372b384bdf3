// Gemini `finishReason` → OpenAI `finish_reason`.
import type { FinishReason } from '../spec/index.js';

const CONTENT_FILTER = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE']);

/**
 * STOP → stop (tool_calls when the candidate called a function), MAX_TOKENS → length, safety and
 * recitation blocks → content_filter, anything else (OTHER, MALFORMED_FUNCTION_CALL…) → stop.
 */
export function mapGeminiFinishReason(reason: string | undefined, calledFunctions: boolean): FinishReason | null {
  if (reason === undefined || reason === 'FINISH_REASON_UNSPECIFIED') return null;
  if (reason === 'MAX_TOKENS') return 'length';
  if (CONTENT_FILTER.has(reason)) return 'content_filter';
  return calledFunctions ? 'tool_calls' : 'stop';
}
