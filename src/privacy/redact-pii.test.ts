import { describe, expect, it } from 'vitest';
import { StewardError } from '../errors/index.js';
import { Pseudonymiser, pseudonymise } from './pseudonymiser.js';
import { redactChatMessages, redactChatRequest } from './redact-chat-messages.js';
import { redactPii } from './redact-pii.js';

const KEY = 'test-key-0123456789abcdef';

describe('redactPii', () => {
  it('masks each kind with its placeholder and reports original offsets', () => {
    const text = 'Mail jane@example.com or call +1 415 555 2671 from 10.0.0.7';
    const result = redactPii(text);
    expect(result.text).toBe('Mail [EMAIL] or call [PHONE] from [IP]');
    expect(result.findings.map((f) => text.slice(f.start, f.end))).toEqual([
      'jane@example.com',
      '+1 415 555 2671',
      '10.0.0.7',
    ]);
  });

  it('redacts only the kinds asked for and returns the same string when nothing is found', () => {
    expect(redactPii('jane@example.com 10.0.0.7', { kinds: ['ipv4'] }).text).toBe('jane@example.com [IP]');
    const clean = 'nothing personal here';
    expect(redactPii(clean).text).toBe(clean);
  });

  it('writes consistent keyed pseudonyms', () => {
    const pseudonymiser = new Pseudonymiser({ key: KEY });
    const result = redactPii('jane@example.com wrote to bob@example.com, then jane@example.com again', {
      mode: 'pseudonym',
      pseudonymiser,
    });
    const tokens = result.text.match(/\[EMAIL:email_[a-z2-7]{20}\]/g) ?? [];
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toBe(tokens[2]);
    expect(tokens[0]).not.toBe(tokens[1]);
  });
});

describe('pseudonymise', () => {
  it('is stable per key and differs across keys', () => {
    const a = pseudonymise('user-42', KEY);
    expect(a).toMatch(/^usr_[a-z2-7]{20}$/);
    expect(pseudonymise('user-42', KEY)).toBe(a);
    expect(pseudonymise('user-42', `${KEY}x`)).not.toBe(a);
    expect(pseudonymise('user-43', KEY)).not.toBe(a);
  });

  it('refuses short keys', () => {
    expect(() => new Pseudonymiser({ key: 'short' })).toThrow(StewardError);
  });
});

describe('redactChatMessages', () => {
  it('redacts string content, text parts and tool-call arguments, leaving clean messages untouched', () => {
    const system = { role: 'system' as const, content: 'You are helpful.' };
    const { messages, findings } = redactChatMessages([
      system,
      {
        role: 'user',
        content: [
          { type: 'text', text: 'my card is 4111 1111 1111 1111' },
          { type: 'image_url', image_url: { url: 'https://x/y.png' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 't1', type: 'function', function: { name: 'mail', arguments: '{"to":"a@b.io"}' } }],
      },
    ]);
    expect(messages[0]).toBe(system);
    expect(messages[1].content).toEqual([
      { type: 'text', text: 'my card is [CARD]' },
      { type: 'image_url', image_url: { url: 'https://x/y.png' } },
    ]);
    const assistant = messages[2];
    expect(assistant.role === 'assistant' && assistant.tool_calls?.[0].function.arguments).toBe('{"to":"[EMAIL]"}');
    expect(findings.map((f) => [f.messageIndex, f.part, f.kind])).toEqual([
      [1, 0, 'payment_card'],
      [2, 'tool_call:0', 'email'],
    ]);
  });

  it('returns the same request when nothing is found', () => {
    const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hello' }] };
    expect(redactChatRequest(request).request).toBe(request);
  });
});
