import { describe, expect, it } from 'vitest';
import type { StewardError } from '../../errors/index.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';

describe('convertToGeminiContents', () => {
  it('maps system, user, model turns and inline images', () => {
    expect(
      convertToGeminiContents('gemini', [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } }] },
        { role: 'assistant', content: 'A cat.' },
        { role: 'user', content: 'Sure?' },
      ]),
    ).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } }] },
        { role: 'model', parts: [{ text: 'A cat.' }] },
        { role: 'user', parts: [{ text: 'Sure?' }] },
      ],
    });
  });

  it('maps tool calls to functionCall and results to functionResponse named after their call', () => {
    const { contents } = convertToGeminiContents('gemini', [
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'b', type: 'function', function: { name: 'time', arguments: '' } },
        ],
      },
      { role: 'tool', tool_call_id: 'a', content: '{"celsius":18}' },
      { role: 'tool', tool_call_id: 'b', content: 'noon' },
    ]);
    expect(contents.slice(1)).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } } }, { functionCall: { name: 'time', args: {} } }] },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'weather', response: { celsius: 18 } } }, { functionResponse: { name: 'time', response: { content: 'noon' } } }],
      },
    ]);
  });

  it('refuses web image URLs and orphan tool results', () => {
    let error: StewardError | undefined;
    try {
      convertToGeminiContents('gemini', [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }]);
    } catch (caught) {
      error = caught as StewardError;
    }
    expect(error?.code).toBe('UNSUPPORTED_PARAMETER');
    expect(() => convertToGeminiContents('gemini', [{ role: 'tool', tool_call_id: 'x', content: 'r' }])).toThrow(/no earlier tool call/);
  });
});
