import { describe, expect, it } from 'vitest';
import { StewardError } from '../../errors/index.js';
import type { ChatChunk, ChatCompletion } from '../spec/index.js';
import { chatChunkToTextCompletion, chatToTextCompletion, completionToChatRequest } from './chat-to-completion.js';

describe('completionToChatRequest', () => {
  it('turns the prompt into one user message and keeps the sampling parameters', () => {
    const chat = completionToChatRequest('anthropic', {
      model: 'm',
      prompt: ['Say hi'],
      max_tokens: 5,
      temperature: 0.3,
      stop: ['\n'],
    });
    expect(chat).toEqual({ model: 'm', messages: [{ role: 'user', content: 'Say hi' }], max_tokens: 5, temperature: 0.3, stop: ['\n'] });
  });

  it('refuses what a chat API cannot do', () => {
    for (const extra of [{ prompt: ['a', 'b'] }, { echo: true }, { suffix: 'x' }, { logprobs: 1 }, { best_of: 3 }]) {
      const call = () => completionToChatRequest('gemini', { model: 'm', prompt: 'p', ...extra });
      expect(call).toThrow(StewardError);
      try {
        call();
      } catch (error) {
        expect((error as StewardError).code).toBe('UNSUPPORTED_PARAMETER');
      }
    }
  });
});

describe('chat to text completion', () => {
  it('reshapes a completion and its usage', () => {
    const completion: ChatCompletion = {
      id: 'msg_1',
      object: 'chat.completion',
      created: 10,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, finish_reason: 'length', logprobs: null }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    expect(chatToTextCompletion(completion)).toEqual({
      id: 'msg_1',
      object: 'text_completion',
      created: 10,
      model: 'm',
      choices: [{ index: 0, text: 'Hello', finish_reason: 'length', logprobs: null }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    });
  });

  it('drops empty chunks and keeps text, finish and usage chunks', () => {
    const base = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
    const roleOnly: ChatChunk = { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] };
    const text: ChatChunk = { ...base, choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] };
    const usage: ChatChunk = { ...base, choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
    expect(chatChunkToTextCompletion(roleOnly)).toBeUndefined();
    expect(chatChunkToTextCompletion(text)?.choices[0].text).toBe('Hi');
    expect(chatChunkToTextCompletion(usage)?.usage?.total_tokens).toBe(2);
  });
});
