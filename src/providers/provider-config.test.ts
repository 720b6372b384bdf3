import { describe, expect, it } from 'vitest';
import { parseProviderConfig, providersFromEnv } from './provider-config.js';

describe('ProviderConfig', () => {
  it('applies defaults and trims the trailing slash of the base URL', () => {
    const config = parseProviderConfig({ name: 'vllm', family: 'openai', baseUrl: 'http://127.0.0.1:8000/v1/' });
    expect(config.baseUrl).toBe('http://127.0.0.1:8000/v1');
    expect(config.apiKey).toBeUndefined();
    expect(config.headers).toEqual({});
    expect(config.timeouts).toEqual({ requestMs: 600_000, streamIdleMs: 120_000 });
  });

  it('rejects unknown families, bad names and non-HTTP URLs', () => {
    expect(() => parseProviderConfig({ name: 'x', family: 'cohere' as 'openai', baseUrl: 'http://a' })).toThrow();
    expect(() => parseProviderConfig({ name: 'has space', family: 'openai', baseUrl: 'http://a' })).toThrow();
    expect(() => parseProviderConfig({ name: 'x', family: 'openai', baseUrl: 'ftp://a' })).toThrow();
  });

  it('keeps Azure and Anthropic settings', () => {
    const azure = parseProviderConfig({
      name: 'azure',
      family: 'openai',
      baseUrl: 'https://res.openai.azure.com',
      apiKey: 'k',
      azure: { apiVersion: '2024-10-21', deployment: 'gpt4o' },
    });
    expect(azure.azure).toEqual({ apiVersion: '2024-10-21', deployment: 'gpt4o' });
    const claude = parseProviderConfig({ name: 'c', family: 'anthropic', baseUrl: 'https://api.anthropic.com', anthropic: {} });
    expect(claude.anthropic).toEqual({ version: '2023-06-01', defaultMaxTokens: 4096 });
  });
});

describe('providersFromEnv', () => {
  it('makes one provider per family whose key or base URL is set', () => {
    const configs = providersFromEnv({
      OPENAI_API_KEY: 'sk-1',
      ANTHROPIC_API_KEY: 'ak',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/',
      GEMINI_API_KEY: '  ',
    });
    expect(configs.map((c) => [c.name, c.family, c.baseUrl, c.apiKey])).toEqual([
      ['openai', 'openai', 'https://api.openai.com/v1', 'sk-1'],
      ['anthropic', 'anthropic', 'http://127.0.0.1:9', 'ak'],
    ]);
  });

  it('accepts a local server without a key and returns nothing for an empty environment', () => {
    expect(providersFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })[0]).toMatchObject({
      name: 'openai',
      apiKey: undefined,
      baseUrl: 'http://127.0.0.1:11434/v1',
    });
    expect(providersFromEnv({})).toEqual([]);
  });
});
