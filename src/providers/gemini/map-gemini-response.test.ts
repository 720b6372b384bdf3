import { describe, expect, it } from 'vitest';
import blocked from './__fixtures__/generate-content-blocked.json' with { type: 'json' };
import functionCall from './__fixtures__/generate-content-function-call.json' with { type: 'json' };
import text from './__fixtures__/generate-content.json' with { type: 'json' };
import type { GeminiResponse } from './gemini-api-types.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { mapGeminiResponse } from './map-gemini-response.js';
import { mapGeminiUsage } from './map-gemini-usage.js';

describe('mapGeminiResponse', () => {
  it('maps a text answer with thinking tokens counted as completion', () => {
    expect(mapGeminiResponse(text as GeminiResponse, 'gemini-2.5-flash', 7)).toEqual({
      id: text.responseId,
      object: 'chat.completion',
      created: 7,
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, message: { role: 'assistant', content: text.candidates[0].content.parts[0].text, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 8, completion_tokens: 36, total_tokens: 44, completion_tokens_details: { reasoning_tokens: 26 } },
    });
  });

  it('maps a function call to a tool call and finish_reason tool_calls', () => {
    const choice = mapGeminiResponse(functionCall as GeminiResponse, 'gemini-2.0-flash').choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' } });
    expect(choice.message.tool_calls?.[0].id).toMatch(/^call_/);
    expect(mapGeminiUsage(functionCall.usageMetadata)).toMatchObject({ prompt_tokens_details: { cached_tokens: 32 } });
  });

  it('reports a blocked prompt as content_filter', () => {
    const completion = mapGeminiResponse(blocked as GeminiResponse, 'gemini-2.0-flash');
    expect(completion.choices).toEqual([{ index: 0, message: { role: 'assistant', content: null, refusal: null }, finish_reason: 'content_filter', logprobs: null }]);
    expect(completion.usage?.prompt_tokens).toBe(12);
  });
});

describe('mapGeminiFinishReason', () => {
  it('maps the documented reasons', () => {
    expect(mapGeminiFinishReason('STOP', false)).toBe('stop');
    expect(mapGeminiFinishReason('STOP', true)).toBe('tool_calls');
    expect(mapGeminiFinishReason('MAX_TOKENS', false)).toBe('length');
    for (const reason of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII']) expect(mapGeminiFinishReason(reason, false)).toBe('content_filter');
    expect(mapGeminiFinishReason('MALFORMED_FUNCTION_CALL', false)).toBe('stop');
    expect(mapGeminiFinishReason(undefined, false)).toBeNull();
  });
});
