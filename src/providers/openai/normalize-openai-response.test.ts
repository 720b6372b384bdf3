import { describe, expect, it } from 'vitest';
import chatCompletion from './__fixtures__/chat-completion.json' with { type: 'json' };
import models from './__fixtures__/models.json' with { type: 'json' };
import { type UpstreamObject, normalizeChatChunk, normalizeChatCompletion, normalizeModels, normalizeTextCompletion } from './normalize-openai-response.js';

describe('normalize OpenAI-compatible responses', () => {
  it('leaves a complete OpenAI answer unchanged', () => {
    expect(normalizeChatCompletion(chatCompletion as UpstreamObject, 'other')).toEqual(chatCompletion);
  });

  it('fills what a minimal compatible server leaves out', () => {
    const sparse = { choices: [{ message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }] };
    const completion = normalizeChatCompletion(sparse as UpstreamObject, 'llama3');
    expect(completion.model).toBe('llama3');
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: 'hi', refusal: null }, finish_reason: 'stop', logprobs: null });

    const chunk = normalizeChatChunk({ choices: [{ delta: { content: 'x' } }] } as UpstreamObject, 'm', 'id-1', 5);
    expect(chunk).toEqual({ id: 'id-1', object: 'chat.completion.chunk', created: 5, model: 'm', choices: [{ index: 0, delta: { content: 'x' }, finish_reason: null }] });

    expect(normalizeTextCompletion({ choices: [{ text: 'a' }] } as UpstreamObject, 'm').choices[0]).toEqual({ index: 0, text: 'a', finish_reason: null, logprobs: null });
  });

  it('lists models with their owner', () => {
    expect(normalizeModels(models as UpstreamObject, 'x').map((m) => m.id)).toEqual(['gpt-4o-mini', 'text-embedding-3-small', 'gpt-3.5-turbo-instruct']);
    expect(normalizeModels({ data: [{ id: 'llama3' }] } as UpstreamObject, 'ollama')).toEqual([{ id: 'llama3', object: 'model', created: 0, owned_by: 'ollama' }]);
  });
});
