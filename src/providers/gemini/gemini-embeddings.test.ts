import { describe, expect, it } from 'vitest';
import batch from './__fixtures__/batch-embed-contents.json' with { type: 'json' };
import { buildGeminiEmbedRequest, mapGeminiEmbeddings } from './gemini-embeddings.js';
import { geminiUrl } from './gemini-endpoint.js';
import { parseProviderConfig } from '../provider-config.js';

describe('Gemini embeddings', () => {
  it('builds one request per input with the model path and dimensions', () => {
    expect(buildGeminiEmbedRequest('gemini', { model: 'text-embedding-004', input: ['a', 'b'], dimensions: 256 })).toEqual({
      requests: [
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] }, outputDimensionality: 256 },
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'b' }] }, outputDimensionality: 256 },
      ],
    });
    expect(() => buildGeminiEmbedRequest('gemini', { model: 'm', input: [1, 2, 3] })).toThrow(/token ids/);
  });

  it('maps the embeddings in order', () => {
    const result = mapGeminiEmbeddings(batch, 'text-embedding-004');
    expect(result.data.map((d) => [d.index, d.embedding])).toEqual([
      [0, batch.embeddings[0].values],
      [1, batch.embeddings[1].values],
    ]);
  });

  it('addresses models and streams by URL', () => {
    const config = parseProviderConfig({ name: 'g', family: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta' });
    expect(geminiUrl(config, 'gemini-2.0-flash', 'streamGenerateContent')).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse',
    );
    expect(geminiUrl(config, 'tunedModels/my-model', 'generateContent')).toBe('https://generativelanguage.googleapis.com/v1beta/tunedModels/my-model:generateContent');
  });
});
