// Anthropic streaming events → OpenAI chat chunks: text deltas as content, tool_use blocks and their
// input_json_delta as tool call deltas, message_delta as the finish chunk, usage last when asked.
import type { ChatChunk, ChatChunkChoice, ToolCallDelta, Usage } from '../spec/index.js';
import type { AnthropicStreamEvent, AnthropicUsage } from './anthropic-api-types.js';
import { anthropicErrorEvent } from './anthropic-error-event.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

export interface AnthropicStreamMapperOptions {
  provider: string;
  /** The requested model, until message_start names the one that answers. */
  model: string;
  created: number;
  includeUsage: boolean;
}

/** A stateful mapper for one stream; `stopped` turns true on message_stop. */
export interface AnthropicStreamMapper {
  map(event: AnthropicStreamEvent): ChatChunk[];
  readonly stopped: boolean;
  readonly usage: Usage | undefined;
}

/** @throws ProviderCallError from `map` when the event is an `error` event. */
export function createAnthropicStreamMapper(options: AnthropicStreamMapperOptions): AnthropicStreamMapper {
  let id = '';
  let model = options.model;
  let usage: AnthropicUsage | undefined;
  let stopped = false;
  const toolIndexByBlock = new Map<number, number>();

  const chunk = (choices: ChatChunkChoice[], extra: Partial<ChatChunk> = {}): ChatChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: options.created,
    model,
    choices,
    ...extra,
  });
  const delta = (value: ChatChunkChoice['delta']): ChatChunk[] => [chunk([{ index: 0, delta: value, finish_reason: null }])];
  const toolDelta = (value: ToolCallDelta): ChatChunk[] => delta({ tool_calls: [value] });

  return {
    get stopped() {
      return stopped;
    },
    get usage() {
      return usage ? mapAnthropicUsage(usage) : undefined;
    },
    map(event) {
      switch (event.type) {
        case 'message_start':
          id = event.message.id;
          model = event.message.model ?? model;
          usage = { ...event.message.usage };
          return delta({ role: 'assistant', content: '' });
        case 'content_block_start': {
          const block = event.content_block;
          if (block.type === 'tool_use' && 'id' in block) {
            const index = toolIndexByBlock.size;
            toolIndexByBlock.set(event.index, index);
            return toolDelta({ index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } });
          }
          if (block.type === 'text' && 'text' in block && block.text !== '') return delta({ content: block.text });
          return [];
        }
        case 'content_block_delta': {
          const change = event.delta;
          if (change.type === 'text_delta' && 'text' in change) return delta({ content: change.text });
          if (change.type === 'input_json_delta' && 'partial_json' in change) {
            const index = toolIndexByBlock.get(event.index);
            if (index === undefined || change.partial_json === '') return [];
            return toolDelta({ index, function: { arguments: change.partial_json } });
          }
          return [];
        }
        case 'message_delta':
          if (event.usage) usage = { ...(usage ?? { input_tokens: 0, output_tokens: 0 }), ...stripNulls(event.usage) };
          if (event.delta.stop_reason == null) return [];
          return [chunk([{ index: 0, delta: {}, finish_reason: mapAnthropicStopReason(event.delta.stop_reason) }])];
        case 'message_stop':
          stopped = true;
          return options.includeUsage && usage ? [chunk([], { usage: mapAnthropicUsage(usage) })] : [];
        case 'error':
          throw anthropicErrorEvent(options.provider, event);
        default:
          return [];
      }
    },
  };
}

function stripNulls(usage: Partial<AnthropicUsage>): Partial<AnthropicUsage> {
  return Object.fromEntries(Object.entries(usage).filter(([, value]) => value != null));
}
