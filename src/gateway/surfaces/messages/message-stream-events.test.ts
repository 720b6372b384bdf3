import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../errors/index.js';
import type { ChatChunk } from '../../../providers/spec/index.js';
import { type MessageStreamEvent, messageStreamEvents } from './message-stream-events.js';

const chunk = (delta: ChatChunk['choices'][number]['delta'], finish: ChatChunk['choices'][number]['finish_reason'] = null): ChatChunk => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-x',
  choices: [{ index: 0, delta, finish_reason: finish }],
});

async function collect(chunks: AsyncIterable<ChatChunk>): Promise<MessageStreamEvent[]> {
  const out: MessageStreamEvent[] = [];
  for await (const event of messageStreamEvents('route', chunks)) out.push(event);
  return out;
}

async function* from(items: ChatChunk[], failure?: Error): AsyncGenerator<ChatChunk> {
  yield* items;
  if (failure) throw failure;
}

describe('messageStreamEvents', () => {
  it('turns text and tool call deltas into blocks, then message_delta with stop_reason and usage', async () => {
    const events = await collect(
      from([
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Let me ' }),
        chunk({ content: 'check.' }),
        chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] }),
        chunk({}, 'tool_calls'),
        { ...chunk({}), choices: [], usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } },
      ]),
    );
    expect(events.map((e) => e.type)).toEqual([
      'message_start', 'ping',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'message_delta', 'message_stop',
    ]);
    expect(events[6]).toEqual({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} } });
    expect(events[7]).toEqual({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } });
    expect(events[10]).toEqual({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 7, input_tokens: 12 } });
  });

  it('ends a stream that fails after its first event with an error event, never message_stop', async () => {
    const failure = new StewardError({ code: 'UPSTREAM_ERROR', message: 'overloaded', details: { upstreamStatus: 529 } });
    const events = await collect(from([chunk({ role: 'assistant', content: 'Hel' })], failure));
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'overloaded' } });
    expect(events.map((e) => e.type)).not.toContain('message_stop');
  });

  it("sends an Anthropic upstream's own events as they came", async () => {
    const native = [{ type: 'message_start', message: { id: 'msg_up' } }, { type: 'ping' }];
    const carrier = { ...chunk({ role: 'assistant', content: '' }), anthropic_events: native } as ChatChunk;
    const stop = { ...chunk({}), choices: [], anthropic_events: [{ type: 'message_stop' }] } as ChatChunk;
    expect(await collect(from([carrier, stop]))).toEqual([...native, { type: 'message_stop' }]);
  });
});
