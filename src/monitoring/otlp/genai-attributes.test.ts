import { describe, expect, it } from 'vitest';
import { isGenAiSpan, mapGenAiAttributes } from './genai-attributes.js';

describe('mapGenAiAttributes', () => {
  it('reads the OpenTelemetry GenAI semantic conventions', () => {
    expect(
      mapGenAiAttributes({
        'gen_ai.provider.name': 'openai',
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.usage.input_tokens': 100,
        'gen_ai.usage.output_tokens': 25,
        'gen_ai.request.temperature': 0.2,
        'gen_ai.request.max_tokens': 512,
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.response.id': 'chatcmpl-1',
      }),
    ).toEqual({ provider: 'openai', operation: 'chat', model: 'gpt-4o', responseModel: 'gpt-4o-2024-08-06', inputTokens: 100, outputTokens: 25, totalTokens: 125, temperature: 0.2, maxTokens: 512, finishReasons: ['stop'], responseId: 'chatcmpl-1' });
  });

  it('reads the older gen_ai.system and prompt/completion token names', () => {
    expect(mapGenAiAttributes({ 'gen_ai.system': 'Anthropic', 'gen_ai.usage.prompt_tokens': '7', 'gen_ai.usage.completion_tokens': 3, 'gen_ai.response.model': 'claude-3' })).toEqual({
      provider: 'anthropic',
      model: 'claude-3',
      responseModel: 'claude-3',
      inputTokens: 7,
      outputTokens: 3,
      totalTokens: 10,
    });
  });

  it('reads OpenInference attributes', () => {
    expect(mapGenAiAttributes({ 'openinference.span.kind': 'LLM', 'llm.model_name': 'mistral-7b', 'llm.provider': 'mistralai', 'llm.token_count.prompt': 11, 'llm.token_count.completion': 4, 'llm.token_count.total': 15 })).toEqual({
      operation: 'chat',
      model: 'mistral-7b',
      provider: 'mistralai',
      inputTokens: 11,
      outputTokens: 4,
      totalTokens: 15,
    });
    expect(mapGenAiAttributes({ 'openinference.span.kind': 'EMBEDDING' }).operation).toBe('embeddings');
  });

  it('reads OpenLLMetry attributes', () => {
    expect(mapGenAiAttributes({ 'llm.request.type': 'completion', 'llm.request.model': 'llama3', 'llm.usage.prompt_tokens': 9, 'llm.usage.completion_tokens': 1, 'llm.usage.total_tokens': 10 })).toEqual({
      operation: 'text_completion',
      model: 'llama3',
      inputTokens: 9,
      outputTokens: 1,
      totalTokens: 10,
    });
  });

  it('prefers GenAI names, ignores junk and recognises GenAI spans', () => {
    expect(mapGenAiAttributes({ 'gen_ai.request.model': 'a', 'llm.model_name': 'b', 'gen_ai.usage.input_tokens': -3, 'gen_ai.operation.name': 'weird' })).toEqual({ model: 'a', operation: 'other' });
    expect(isGenAiSpan({ 'http.method': 'GET' })).toBe(false);
    expect(isGenAiSpan({ 'llm.token_count.total': 1 })).toBe(true);
  });
});
