import { describe, expect, it } from 'vitest';
import message from './__fixtures__/message.json' with { type: 'json' };
import toolUse from './__fixtures__/message-tool-use.json' with { type: 'json' };
import type { AnthropicResponse } from './anthropic-api-types.js';
import { mapAnthropicResponse } from './map-anthropic-response.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

describe('mapAnthropicResponse', () => {
  it('maps a text message with cached input', () => {
    const completion = mapAnthropicResponse(message as AnthropicResponse, 100);
    expect(completion).toEqual({
      id: message.id,
      object: 'chat.completion',
      created: 100,
      model: message.model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi! My name is Claude.', refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 2095 + 1800, completion_tokens: 503, total_tokens: 2095 + 1800 + 503, prompt_tokens_details: { cached_tokens: 1800 } },
    });
  });

  it('maps tool_use blocks to tool calls with JSON arguments', () => {
    const completion = mapAnthropicResponse(toolUse as AnthropicResponse, 100);
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBe(toolUse.content[0].text);
    expect(choice.message.tool_calls).toEqual([
      { id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: JSON.stringify(toolUse.content[1].input) } },
    ]);
  });

  it('counts cache writes as prompt tokens', () => {
    expect(mapAnthropicUsage({ input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: null })).toEqual({
      prompt_tokens: 110,
      completion_tokens: 5,
      total_tokens: 115,
    });
  });
});
