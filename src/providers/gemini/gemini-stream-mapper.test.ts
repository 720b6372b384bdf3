import { describe, expect, it } from 'vitest';
import stream from './__fixtures__/stream.json' with { type: 'json' };
import streamFunctionCall from './__fixtures__/stream-function-call.json' with { type: 'json' };
import type { GeminiResponse } from './gemini-api-types.js';
import { createGeminiStreamMapper } from './gemini-stream-mapper.js';

describe('createGeminiStreamMapper', () => {
  it('maps streamed text to chunks with a finish chunk and final usage', () => {
    const mapper = createGeminiStreamMapper({ model: 'requested', created: 3 });
    const chunks = stream.flatMap((response) => mapper.map(response as GeminiResponse));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: 'The' });
    expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('The sky is blue because of Rayleigh scattering.');
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.every((c) => c.id === 'mHdTaP2ZCI2pnvgP1dLZ8Ac' && c.model === 'gemini-2.0-flash')).toBe(true);
    expect(mapper.finished).toBe(true);
    expect(mapper.usageChunk()).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 11, total_tokens: 20 } });
  });

  it('is not finished before a finishReason arrives', () => {
    const mapper = createGeminiStreamMapper({ model: 'm', created: 3 });
    mapper.map(stream[0] as GeminiResponse);
    expect(mapper.finished).toBe(false);
  });

  it('maps a whole function call to one tool call delta and finish_reason tool_calls', () => {
    const mapper = createGeminiStreamMapper({ model: 'm', created: 3 });
    const chunks = streamFunctionCall.flatMap((response) => mapper.map(response as GeminiResponse));
    const call = chunks[0].choices[0].delta.tool_calls?.[0];
    expect(call).toMatchObject({ index: 0, type: 'function', function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' } });
    expect(call?.id).toBeTruthy();
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
  });
});
