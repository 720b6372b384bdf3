import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, startAnthropicStandIn, startGeminiStandIn, startOpenAiStandIn } from '../../test/stand-ins/index.js';
import { createProvider, providersFromEnv } from './provider-registry.js';

describe('createProvider', () => {
  const standIns: Record<'openai' | 'anthropic' | 'gemini', StandIn | undefined> = { openai: undefined, anthropic: undefined, gemini: undefined };

  beforeAll(async () => {
    standIns.openai = await startOpenAiStandIn();
    standIns.anthropic = await startAnthropicStandIn();
    standIns.gemini = await startGeminiStandIn();
  });
  afterAll(async () => {
    await Promise.all(Object.values(standIns).map((standIn) => standIn?.close()));
  });

  it('builds each family from the environment and every one answers the same OpenAI request', async () => {
    const providers = providersFromEnv({
      OPENAI_BASE_URL: standIns.openai?.url,
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: standIns.anthropic?.url,
      GEMINI_API_KEY: 'k',
      GEMINI_BASE_URL: standIns.gemini?.url,
    }).map(createProvider);
    expect(providers.map((p) => [p.name, p.family, p.specificationVersion])).toEqual([
      ['openai', 'openai', 'v1'],
      ['anthropic', 'anthropic', 'v1'],
      ['gemini', 'gemini', 'v1'],
    ]);
    for (const provider of providers) {
      const answer = await provider.chat({ model: 'any-model', messages: [{ role: 'user', content: 'Hello' }] }, { signal: AbortSignal.timeout(5_000) });
      expect(answer.object).toBe('chat.completion');
      expect(answer.choices[0].message.content?.length).toBeGreaterThan(0);
    }
  });

  it('refuses an invalid configuration', () => {
    expect(() => createProvider({ name: 'x', family: 'openai', baseUrl: 'not a url' })).toThrow();
  });
});
