// The translation of Responses input into chat messages, without a server: function calls join the
// assistant message before them, outputs become tool messages, and what chat cannot carry is refused.
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../errors/index.js';
import { chatToResponsesInput } from './native-responses.js';
import type { ResponsesRequest } from './responses-request.js';
import { type ResolvedItem, itemsToMessages, responsesToChat } from './responses-to-chat.js';

const at = (items: ResolvedItem[]) => items.map((item, i) => ({ item, param: `input[${i}]` }));

describe('responsesToChat', () => {
  it('puts parallel function calls on one assistant message and their outputs after it', () => {
    const messages = itemsToMessages(
      at([
        { type: 'message', role: 'user', content: 'Weather in Paris and Rome?' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'c1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'c2', name: 'weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'c1', output: '20C' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: '25C' }] },
      ]),
    );
    expect(messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'c2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: '20C' },
      { role: 'tool', tool_call_id: 'c2', content: '25C' },
    ]);
  });

  it('refuses an output whose call_id no earlier call has, naming the item', () => {
    const run = () => itemsToMessages(at([{ type: 'function_call_output', call_id: 'nope', output: 'x' }]));
    expect(run).toThrow(StewardError);
    expect(run).toThrow(/input\[0\].*nope/);
  });

  it('maps instructions, tools, tool_choice, text.format, reasoning and sampling', () => {
    const request: ResponsesRequest = {
      model: 'm',
      instructions: 'Be brief.',
      tools: [{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: true }],
      tool_choice: { type: 'function', name: 'f' },
      parallel_tool_calls: false,
      text: { format: { type: 'json_schema', name: 's', schema: { type: 'object' }, strict: true } },
      reasoning: { effort: 'low' },
      max_output_tokens: 50,
      temperature: 0.5,
      top_p: 0.9,
      user: 'u',
    };
    expect(responsesToChat(request, at([{ type: 'message', role: 'user', content: 'hi' }]))).toEqual({
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'low',
      max_completion_tokens: 50,
      temperature: 0.5,
      top_p: 0.9,
      user: 'u',
    });
  });

  it('turns chat messages back into the same Responses items (the native body)', () => {
    const items = chatToResponsesInput([
      { role: 'system', content: 'S' },
      { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'ok' },
    ]);
    expect(items).toEqual([
      { type: 'message', role: 'system', content: 'S' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'look' }, { type: 'input_image', image_url: 'https://x/y.png', detail: 'auto' }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'ok' },
    ]);
  });
});
