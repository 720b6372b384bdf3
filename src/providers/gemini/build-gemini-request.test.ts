import { describe, expect, it } from 'vitest';
import type { StewardError } from '../../errors/index.js';
import type { ChatRequest } from '../spec/index.js';
import { buildGeminiRequest } from './build-gemini-request.js';
import { prepareGeminiTools } from './prepare-gemini-tools.js';

const base: ChatRequest = { model: 'gemini-2.0-flash', messages: [{ role: 'user', content: 'Hi' }] };

describe('buildGeminiRequest', () => {
  it('maps sampling parameters to generationConfig', () => {
    const request = buildGeminiRequest('gemini', {
      ...base,
      temperature: 1.5,
      top_p: 0.9,
      top_k: 20,
      max_tokens: 64,
      stop: 'END',
      n: 2,
      seed: 42,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
    });
    expect(request.generationConfig).toEqual({
      temperature: 1.5,
      topP: 0.9,
      topK: 20,
      maxOutputTokens: 64,
      stopSequences: ['END'],
      candidateCount: 2,
      seed: 42,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
    });
    expect(buildGeminiRequest('gemini', base).generationConfig).toBeUndefined();
  });

  it('maps JSON response formats to responseMimeType and responseSchema', () => {
    expect(buildGeminiRequest('gemini', { ...base, response_format: { type: 'json_object' } }).generationConfig).toEqual({ responseMimeType: 'application/json' });
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    expect(buildGeminiRequest('gemini', { ...base, response_format: { type: 'json_schema', json_schema: { name: 'a', schema } } }).generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: { type: 'OBJECT', properties: { answer: { type: 'STRING' } }, required: ['answer'] },
    });
  });

  it('refuses logprobs and logit_bias', () => {
    for (const extra of [{ logprobs: true }, { logit_bias: { '1': 5 } }]) {
      let error: StewardError | undefined;
      try {
        buildGeminiRequest('gemini', { ...base, ...extra });
      } catch (caught) {
        error = caught as StewardError;
      }
      expect(error?.code).toBe('UNSUPPORTED_PARAMETER');
    }
  });
});

describe('prepareGeminiTools', () => {
  const tools = [
    { type: 'function' as const, function: { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
    { type: 'function' as const, function: { name: 'now', parameters: { type: 'object', properties: {} } } },
  ];

  it('declares functions, leaving out empty parameter schemas', () => {
    expect(prepareGeminiTools({ tools }).tools).toEqual([
      {
        functionDeclarations: [
          { name: 'weather', description: 'Weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } },
          { name: 'now' },
        ],
      },
    ]);
  });

  it('maps tool_choice to functionCallingConfig', () => {
    expect(prepareGeminiTools({ tools, tool_choice: 'required' }).toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(prepareGeminiTools({ tools, tool_choice: 'none' }).toolConfig).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(prepareGeminiTools({ tools, tool_choice: { type: 'function', function: { name: 'now' } } }).toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['now'] },
    });
  });
});
