// Where Gemini calls go and how they authenticate: `x-goog-api-key`, never the key in the URL.
import type { ProviderConfig } from '../provider-config.js';

export const GEMINI_METHODS = ['generateContent', 'streamGenerateContent', 'batchEmbedContents'] as const;
export type GeminiMethod = (typeof GEMINI_METHODS)[number];

/** `models/gemini-2.0-flash` for `gemini-2.0-flash`; names with a slash (`tunedModels/x`) are kept. */
export function geminiModelPath(model: string): string {
  return model.includes('/') ? model : `models/${model}`;
}

export function geminiUrl(config: ProviderConfig, model: string, method: GeminiMethod): string {
  const query = method === 'streamGenerateContent' ? '?alt=sse' : '';
  return `${config.baseUrl}/${geminiModelPath(model)}:${method}${query}`;
}

export function geminiHeaders(config: ProviderConfig, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(config.apiKey ? { 'x-goog-api-key': config.apiKey } : {}), ...config.headers, ...extra };
}
