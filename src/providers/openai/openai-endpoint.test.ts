import { describe, expect, it } from 'vitest';
import { parseProviderConfig } from '../provider-config.js';
import { openAiHeaders, openAiUrl } from './openai-endpoint.js';

describe('openAiUrl and openAiHeaders', () => {
  it('appends the path and sends a bearer key on OpenAI-compatible servers', () => {
    const config = parseProviderConfig({ name: 'groq', family: 'openai', baseUrl: 'https://api.groq.com/openai/v1', apiKey: 'gsk', headers: { 'x-team': 'a' } });
    expect(openAiUrl(config, '/chat/completions', 'llama')).toBe('https://api.groq.com/openai/v1/chat/completions');
    expect(openAiHeaders(config, { 'x-trace': '1' })).toEqual({ authorization: 'Bearer gsk', 'x-team': 'a', 'x-trace': '1' });
  });

  it('sends no credentials to a keyless local server', () => {
    const config = parseProviderConfig({ name: 'ollama', family: 'openai', baseUrl: 'http://127.0.0.1:11434/v1' });
    expect(openAiHeaders(config)).toEqual({});
  });

  it('uses deployments, api-version and api-key on Azure', () => {
    const config = parseProviderConfig({
      name: 'azure',
      family: 'openai',
      baseUrl: 'https://res.openai.azure.com/',
      apiKey: 'az',
      azure: { apiVersion: '2024-10-21' },
    });
    expect(openAiUrl(config, '/chat/completions', 'gpt-4o')).toBe(
      'https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    );
    expect(openAiUrl({ ...config, azure: { apiVersion: 'v', deployment: 'fixed' } }, '/embeddings', 'other')).toBe(
      'https://res.openai.azure.com/openai/deployments/fixed/embeddings?api-version=v',
    );
    expect(openAiHeaders(config)).toEqual({ 'api-key': 'az' });
  });
});
