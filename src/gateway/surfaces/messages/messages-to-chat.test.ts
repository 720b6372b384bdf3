import { describe, expect, it } from 'vitest';
import { nativeMessagesOf } from '../../../providers/spec/index.js';
import type { MessagesRequest } from './messages-request.js';
import { messagesToChat } from './messages-to-chat.js';

const request = (fields: Partial<MessagesRequest>): MessagesRequest => ({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }], ...fields }) as MessagesRequest;

describe('messagesToChat', () => {
  it('maps system, blocks, tools and choices onto a chat request and carries the original', () => {
    const chat = messagesToChat(
      request({
        system: [{ type: 'text', text: 'Be brief.' }],
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        stop_sequences: ['END'],
        metadata: { user_id: 'u1' },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } }] },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 's' }, { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Oslo' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '18C', is_error: false }, { type: 'text', text: 'Thanks' }] },
        ],
      }),
      { 'anthropic-version': '2023-06-01' },
    );
    expect(chat.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 't1', content: '18C' },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(chat).toMatchObject({ max_tokens: 8, stop: ['END'], user: 'u1', tool_choice: 'required', parallel_tool_calls: false });
    expect(nativeMessagesOf(chat)).toMatchObject({ headers: { 'anthropic-version': '2023-06-01' }, anthropicOnly: [] });
  });

  it('names what only Anthropic can honour, and refuses a tool_result without its tool_use', () => {
    expect(nativeMessagesOf(messagesToChat(request({ thinking: { type: 'enabled', budget_tokens: 1024 } }), {}))?.anthropicOnly).toEqual(['thinking']);
    expect(nativeMessagesOf(messagesToChat(request({ thinking: { type: 'disabled' } }), {}))?.anthropicOnly).toEqual([]);
    expect(() =>
      messagesToChat(request({ messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'nope', content: 'x' }] }] }), {}),
    ).toThrow(/messages\.0\.content\.0\.tool_use_id: tool_result block 'nope' has no matching tool_use/);
  });
});
