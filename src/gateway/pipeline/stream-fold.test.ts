import { describe, expect, it } from 'vitest';
import type { ChatChunk, ChatCompletion, ChatRequest } from '../../providers/spec/index.js';
import { continuationRequest, spliceChunks } from './stream-fold.js';

const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'Say hello' }] };
const partial = (message: ChatCompletion['choices'][number]['message'], finish: ChatCompletion['choices'][number]['finish_reason'] = null): ChatCompletion => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 100,
  model: 'first',
  choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
});

describe('mid-stream continuation', () => {
  it('asks the next target to go on from the text so far, as the assistant', () => {
    const next = continuationRequest(request, partial({ role: 'assistant', content: 'Hel', refusal: null }));
    expect(next?.messages).toEqual([...request.messages, { role: 'assistant', content: 'Hel' }]);
  });

  it('does not continue tool calls in progress, an answer that finished, or one with no text yet', () => {
    const call = { id: 'c1', type: 'function' as const, function: { name: 'f', arguments: '{"a":' } };
    expect(continuationRequest(request, partial({ role: 'assistant', content: null, tool_calls: [call], refusal: null }))).toBeUndefined();
    expect(continuationRequest(request, partial({ role: 'assistant', content: 'Hello.', refusal: null }, 'stop'))).toBeUndefined();
    expect(continuationRequest(request, partial({ role: 'assistant', content: '', refusal: null }))).toBeUndefined();
  });

  it('makes the continuation read as the first stream: its id, time and model, no second role', () => {
    const splice = spliceChunks(partial({ role: 'assistant', content: 'Hel', refusal: null }));
    const chunk: ChatChunk = { id: 'other', object: 'chat.completion.chunk', created: 200, model: 'second', choices: [{ index: 0, delta: { role: 'assistant', content: 'lo' }, finish_reason: null }] };
    const spliced = splice(chunk);
    expect(spliced).toMatchObject({ id: 'chatcmpl-1', created: 100, model: 'first' });
    expect(JSON.parse(JSON.stringify(spliced.choices[0].delta))).toEqual({ content: 'lo' });
  });
});
