// OpenAI embedding requests ↔ Gemini batchEmbedContents. Gemini reports no token usage for
// embeddings, so usage is reported as zero.
import { unsupportedParameter } from '../shared/index.js';
import type { EmbeddingRequest, EmbeddingResult } from '../spec/index.js';
import type { GeminiBatchEmbedResponse } from './gemini-api-types.js';
import { geminiModelPath } from './gemini-endpoint.js';

/** @throws StewardError UNSUPPORTED_PARAMETER for token-id inputs. */
export function buildGeminiEmbedRequest(provider: string, request: EmbeddingRequest) {
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  if (!inputs.every((input): input is string => typeof input === 'string')) {
    throw unsupportedParameter(provider, 'input', 'Gemini embeds text, not token ids');
  }
  const model = geminiModelPath(request.model);
  return {
    requests: inputs.map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(request.dimensions ? { outputDimensionality: request.dimensions } : {}),
    })),
  };
}

export function mapGeminiEmbeddings(response: GeminiBatchEmbedResponse, model: string): EmbeddingResult {
  return {
    object: 'list',
    model,
    data: response.embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding: embedding.values })),
    usage: { prompt_tokens: 0, total_tokens: 0 },
  };
}
