// Anthropic `stop_reason` → OpenAI `finish_reason`.
import type { FinishReason } from '../spec/index.js';

/** end_turn, stop_sequence, pause_turn → stop; max_tokens, model_context_window_exceeded → length; tool_use → tool_calls; refusal → content_filter. */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
