// The Gemini family: generateContent, streamGenerateContent and batchEmbedContents behind
// Steward's OpenAI-shaped provider interface, with mapping in small pure functions.
export { createGeminiProvider } from './gemini-provider.js';
export { buildGeminiRequest } from './build-gemini-request.js';
export { mapGeminiResponse } from './map-gemini-response.js';
export { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
export { mapGeminiUsage } from './map-gemini-usage.js';
export { toGeminiSchema } from './to-gemini-schema.js';
export { createGeminiStreamMapper, type GeminiStreamMapper } from './gemini-stream-mapper.js';
export type * from './gemini-api-types.js';
