// Chat chunks → Anthropic's stream: message_start, ping, content_block_start / _delta (text_delta,
// input_json_delta) / _stop per block, message_delta with stop_reason and usage, message_stop.
// When the Anthropic provider carried the upstream's own events, those are sent as they came.
// A failure after the first event ends the stream with an `error` event, never with message_stop.
import { type ChatChunk, type Usage, nativeEventsOf } from '../../../providers/spec/index.js';
import { anthropicErrorOf } from './anthropic-error.js';
import { anthropicUsageOf, newMessageId, stopReasonOf } from './anthropic-message.js';

export type MessageStreamEvent = { type: string; [field: string]: unknown };

type OpenBlock = { kind: 'text'; index: number } | { kind: 'tool'; index: number; toolIndex: number };

export async function* messageStreamEvents(model: string, chunks: AsyncIterable<ChatChunk>): AsyncGenerator<MessageStreamEvent> {
  let started = false;
  let native = false;
  let open: OpenBlock | undefined;
  let nextIndex = 0;
  let stopReason: string | null = null;
  let usage: Usage | undefined;
  let responseModel = model;
  const id = newMessageId();

  const start = (): MessageStreamEvent[] => {
    started = true;
    const message = { id, type: 'message', role: 'assistant', model: responseModel, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } };
    return [{ type: 'message_start', message }, { type: 'ping' }];
  };
  const close = (): MessageStreamEvent[] => {
    if (!open) return [];
    const event = { type: 'content_block_stop', index: open.index };
    open = undefined;
    return [event];
  };

  try {
    for await (const chunk of chunks) {
      const events = nativeEventsOf(chunk);
      if (!started && events !== undefined) native = true;
      if (native) {
        started = true;
        if (events) yield* events as MessageStreamEvent[];
        continue;
      }
      if (chunk.model) responseModel = chunk.model;
      if (!started) yield* start();
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      const delta = choice.delta;
      if (delta.content) {
        if (open?.kind !== 'text') {
          yield* close();
          open = { kind: 'text', index: nextIndex++ };
          yield { type: 'content_block_start', index: open.index, content_block: { type: 'text', text: '' } };
        }
        yield { type: 'content_block_delta', index: open.index, delta: { type: 'text_delta', text: delta.content } };
      }
      for (const call of delta.tool_calls ?? []) {
        if (call.id || open?.kind !== 'tool' || open.toolIndex !== call.index) {
          yield* close();
          open = { kind: 'tool', index: nextIndex++, toolIndex: call.index };
          yield { type: 'content_block_start', index: open.index, content_block: { type: 'tool_use', id: call.id ?? `toolu_${id}_${call.index}`, name: call.function?.name ?? '', input: {} } };
        }
        const args = call.function?.arguments;
        if (args) yield { type: 'content_block_delta', index: open.index, delta: { type: 'input_json_delta', partial_json: args } };
      }
      if (choice.finish_reason) stopReason = stopReasonOf(choice.finish_reason);
    }
  } catch (error) {
    if (!started && !native) throw error;
    const failure = anthropicErrorOf(error);
    yield { type: 'error', error: { type: failure.type, message: failure.message } };
    return;
  }
  if (native) return;
  if (!started) yield* start();
  yield* close();
  const out = anthropicUsageOf(usage);
  yield {
    type: 'message_delta',
    delta: { stop_reason: stopReason ?? 'end_turn', stop_sequence: null },
    usage: { output_tokens: out.output_tokens, input_tokens: out.input_tokens, ...(out.cache_read_input_tokens ? { cache_read_input_tokens: out.cache_read_input_tokens } : {}) },
  };
  yield { type: 'message_stop' };
}
