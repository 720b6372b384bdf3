import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../spec/index.js';
import overloaded from './__fixtures__/error-overloaded.json' with { type: 'json' };
import textEvents from './__fixtures__/stream-text.json' with { type: 'json' };
import toolEvents from './__fixtures__/stream-tool-use.json' with { type: 'json' };
import type { AnthropicStreamEvent } from './anthropic-api-types.js';
import { createAnthropicStreamMapper } from './anthropic-stream-mapper.js';

function run(events: unknown[], includeUsage: boolean) {
  const mapper = createAnthropicStreamMapper({ provider: 'anthropic', model: 'requested', created: 1, includeUsage });
  const chunks = events.flatMap((event) => mapper.map(event as AnthropicStreamEvent));
  return { mapper, chunks };
}

describe('createAnthropicStreamMapper', () => {
  it('maps a text stream to role, content, finish and usage chunks', () => {
    const { mapper, chunks } = run(textEvents, true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello!');
    expect(chunks.every((c) => c.id === 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY' && c.model === 'claude-sonnet-4-20250514')).toBe(true);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 25, completion_tokens: 15, total_tokens: 40 } });
    expect(mapper.stopped).toBe(true);
  });

  it('leaves the usage chunk out unless asked', () => {
    const { chunks } = run(textEvents, false);
    expect(chunks.some((c) => c.usage)).toBe(false);
  });

  it('maps tool_use blocks and input_json_delta to tool call deltas', () => {
    const { chunks } = run(toolEvents, false);
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toEqual({ index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(deltas.every((d) => d.index === 0)).toBe(true);
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({ location: 'San Francisco, CA' });
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('throws an error event as a retryable ProviderCallError with its documented status', () => {
    const mapper = createAnthropicStreamMapper({ provider: 'anthropic', model: 'm', created: 1, includeUsage: false });
    mapper.map(textEvents[0] as AnthropicStreamEvent);
    let error: unknown;
    try {
      mapper.map(overloaded as AnthropicStreamEvent);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).statusCode).toBe(529);
    expect((error as ProviderCallError).isRetryable).toBe(true);
  });
});
