import { describe, expect, it } from 'vitest';
import type { StewardError } from '../../errors/index.js';
import type { ChatRequest } from '../spec/index.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';

const base: ChatRequest = { model: 'claude-sonnet-4-20250514', messages: [{ role: 'user', content: 'Hi' }] };

describe('buildAnthropicRequest', () => {
  it('maps sampling parameters, stop sequences and the user', () => {
    const request = buildAnthropicRequest('anthropic', { ...base, max_tokens: 50, temperature: 0.5, top_p: 0.9, top_k: 40, stop: 'END', user: 'u-1' }, 4096);
    expect(request).toEqual({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 50,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stop_sequences: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      metadata: { user_id: 'u-1' },
    });
  });

  it('defaults max_tokens, which Anthropic requires, and prefers max_completion_tokens', () => {
    expect(buildAnthropicRequest('anthropic', base, 1234).max_tokens).toBe(1234);
    expect(buildAnthropicRequest('anthropic', { ...base, max_tokens: 10, max_completion_tokens: 20 }, 1).max_tokens).toBe(20);
  });

  it('maps safety_identifier to metadata.user_id and keeps neutral values', () => {
    const request = buildAnthropicRequest('anthropic', { ...base, safety_identifier: 'user-7', store: true, metadata: { app: 'x' }, logprobs: false, parallel_tool_calls: true }, 100);
    expect(request.metadata).toEqual({ user_id: 'user-7' });
  });

  it('refuses what Anthropic cannot do, naming the parameter', () => {
    const refused: [Partial<ChatRequest>, string][] = [
      [{ n: 2 }, 'n'],
      [{ logprobs: true }, 'logprobs'],
      [{ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } }, 'response_format json_schema'],
      [{ response_format: { type: 'json_object' } }, 'response_format json_object'],
      [{ seed: 1 }, 'seed'],
      [{ presence_penalty: 0.5 }, 'presence_penalty'],
      [{ logit_bias: { '50256': -100 } }, 'logit_bias'],
      [{ temperature: 1.5 }, 'temperature above 1'],
      [{ reasoning_effort: 'high' }, 'reasoning_effort'],
      [{ service_tier: 'flex' }, 'service_tier'],
      [{ audio: { voice: 'alloy', format: 'mp3' } }, 'audio'],
      // a field this version does not know is refused by name, not dropped
      [{ some_future_field: 1 } as Partial<ChatRequest>, 'some_future_field'],
    ];
    for (const [extra, parameter] of refused) {
      let error: StewardError | undefined;
      try {
        buildAnthropicRequest('anthropic', { ...base, ...extra }, 100);
      } catch (caught) {
        error = caught as StewardError;
      }
      expect(error?.code).toBe('UNSUPPORTED_PARAMETER');
      expect(error?.details).toEqual({ provider: 'anthropic', parameter, param: parameter.split(' ')[0] });
    }
  });

  it('accepts neutral values of refused parameters', () => {
    expect(() => buildAnthropicRequest('anthropic', { ...base, n: 1, presence_penalty: 0, logprobs: false, response_format: { type: 'text' } }, 100)).not.toThrow();
  });
});
