// A whole OpenAI chat request → a Gemini generateContent request, refusing what Gemini cannot do.
import { refuseUnmappedFields, unsupportedParameter } from '../shared/index.js';
import type { ChatRequest } from '../spec/index.js';
import type { GeminiGenerationConfig, GeminiRequest } from './gemini-api-types.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { prepareGeminiTools } from './prepare-gemini-tools.js';
import { toGeminiSchema } from './to-gemini-schema.js';

/**
 * The generateContent request for a chat request; JSON response formats become
 * `responseMimeType` (and `responseSchema` for json_schema).
 * @throws StewardError UNSUPPORTED_PARAMETER for logprobs and logit_bias.
 */
/** Chat fields with a Gemini equivalent (or a neutral value checked below). */
const GEMINI_CHAT_FIELDS: ReadonlySet<string> = new Set([
  'messages', 'max_tokens', 'max_completion_tokens', 'stop', 'temperature', 'top_p', 'top_k', 'n', 'seed', 'presence_penalty', 'frequency_penalty',
  'response_format', 'tools', 'tool_choice', 'logprobs', 'top_logprobs', 'logit_bias',
]);

export function buildGeminiRequest(provider: string, request: ChatRequest): GeminiRequest {
  refuseUnmappedFields(provider, 'Gemini', request, GEMINI_CHAT_FIELDS);
  if (request.logprobs || (request.top_logprobs ?? 0) > 0) {
    throw unsupportedParameter(provider, 'logprobs', 'Steward does not map Gemini log probabilities');
  }
  if (request.logit_bias && Object.keys(request.logit_bias).length > 0) {
    throw unsupportedParameter(provider, 'logit_bias', 'Gemini has no logit bias');
  }
  const { contents, systemInstruction } = convertToGeminiContents(provider, request.messages);
  const generationConfig = buildGenerationConfig(request);
  return {
    contents,
    ...(systemInstruction ? { systemInstruction } : {}),
    ...prepareGeminiTools(request),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
  };
}

function buildGenerationConfig(request: ChatRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  if (request.top_k != null) config.topK = request.top_k;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.stop != null) config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.n != null && request.n > 1) config.candidateCount = request.n;
  if (request.seed != null) config.seed = request.seed;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    if (format.json_schema.schema) config.responseSchema = toGeminiSchema(format.json_schema.schema);
  }
  return config;
}
