import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTinyModel } from '../../model/testing/tiny-model-fixture.js';
import type { ChatChunk, LanguageModelProvider } from '../spec/index.js';
import { ProviderCallError } from '../spec/index.js';
import { createBuiltinProvider } from './builtin-provider.js';

let provider: LanguageModelProvider;
const options = { signal: new AbortController().signal };

beforeAll(async () => {
  const dir = await makeTinyModel(20);
  cpSync(dir, join(dirname(dir), 'tiny-copy'), { recursive: true });
  provider = createBuiltinProvider({ modelsDir: [dirname(dir), '/nonexistent/models'] });
});

describe('builtin provider', () => {
  it('lists every model directory', async () => {
    const models = await provider.listModels!(options);
    expect(models.map((m) => m.id)).toEqual(['tiny', 'tiny-copy']);
    expect(provider.family).toBe('builtin');
    expect(provider.name).toBe('builtin');
  });

  it('answers chat in OpenAI format, reproducibly with a seed', async () => {
    const request = { model: 'tiny', messages: [{ role: 'user' as const, content: 'Where does Mira live?' }], seed: 5, max_tokens: 8, n: 2 };
    const a = await provider.chat(request, options);
    const b = await provider.chat(request, options);
    expect(a.object).toBe('chat.completion');
    expect(a.choices).toHaveLength(2);
    expect(a.choices.map((c) => c.message.content)).toEqual(b.choices.map((c) => c.message.content));
    expect(a.usage!.prompt_tokens).toBeGreaterThan(3);
    expect(a.usage!.completion_tokens).toBeLessThanOrEqual(16);
    expect(['stop', 'length']).toContain(a.choices[0].finish_reason);
  });

  it('streams chunks whose text equals the whole answer, with usage last when asked', async () => {
    const request = { model: 'tiny', messages: [{ role: 'user' as const, content: 'Uppercase: cat' }], temperature: 0, max_tokens: 10 };
    const whole = await provider.chat(request, options);
    const chunks: ChatChunk[] = [];
    for await (const c of provider.streamChat({ ...request, stream: true, stream_options: { include_usage: true } }, options)) chunks.push(c);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(whole.choices[0].message.content);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(whole.usage);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe(whole.choices[0].finish_reason);
  });

  it('completes raw text, streamed or not, and embeds', async () => {
    const c = await provider.complete({ model: 'tiny', prompt: 'The river', max_tokens: 6, temperature: 0 }, options);
    expect(c.object).toBe('text_completion');
    let streamed = '';
    for await (const chunk of provider.streamComplete({ model: 'tiny', prompt: 'The river', max_tokens: 6, temperature: 0 }, options)) streamed += chunk.choices[0]?.text ?? '';
    expect(streamed).toBe(c.choices[0].text);
    const e = await provider.embed!({ model: 'tiny', input: ['a cat', 'a dog'] }, options);
    expect(e.data).toHaveLength(2);
    expect(Math.hypot(...e.data[0].embedding)).toBeCloseTo(1, 4);
    expect(e.usage.prompt_tokens).toBeGreaterThan(1);
  });

  it('answers 404 for an unknown model and refuses unsupported parameters', async () => {
    const err = await provider.chat({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }, options).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderCallError);
    expect(err.statusCode).toBe(404);
    const tools = [{ type: 'function' as const, function: { name: 'f' } }];
    await expect(provider.chat({ model: 'tiny', messages: [{ role: 'user', content: 'x' }], tools }, options)).rejects.toMatchObject({ code: 'UNSUPPORTED_PARAMETER' });
    await expect(
      provider.chat({ model: 'tiny', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 's' } } }, options),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_PARAMETER' });
    await expect(provider.embed!({ model: 'tiny', input: 'x', dimensions: 3 }, options)).rejects.toMatchObject({ code: 'UNSUPPORTED_PARAMETER' });
  });

  it('passes the caller\'s abort reason through instead of reporting an upstream failure', async () => {
    const controller = new AbortController();
    const reason = new Error('client disconnected');
    const call = provider.chat({ model: 'tiny', messages: [{ role: 'user', content: 'x' }], max_tokens: 50 }, { signal: controller.signal });
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });
});
