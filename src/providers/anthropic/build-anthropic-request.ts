// A whole OpenAI chat request → an Anthropic Messages request, refusing what Anthropic cannot do
// rather than dropping it silently.
import { refuseUnmappedFields, unsupportedParameter } from '../shared/index.js';
import type { ChatRequest } from '../spec/index.js';
import type { AnthropicRequest } from './anthropic-api-types.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

/**
 * The Messages request for a chat request. `max_tokens` falls back to `defaultMaxTokens` because
 * Anthropic requires it.
 * @throws StewardError UNSUPPORTED_PARAMETER for n > 1, logprobs, response_format json, seed,
 * presence or frequency penalties, logit_bias and temperature above 1.
 */
export function buildAnthropicRequest(provider: string, request: ChatRequest, defaultMaxTokens: number): AnthropicRequest {
  refuseUnsupported(provider, request);
  const { system, messages } = convertToAnthropicMessages(provider, request.messages);
  const userId = request.safety_identifier ?? request.user;
  const stop = request.stop == null ? [] : typeof request.stop === 'string' ? [request.stop] : request.stop;
  return {
    model: request.model,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? defaultMaxTokens,
    messages,
    ...(system ? { system } : {}),
    ...(stop.length > 0 ? { stop_sequences: stop } : {}),
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.top_p != null ? { top_p: request.top_p } : {}),
    ...(request.top_k != null ? { top_k: request.top_k } : {}),
    ...prepareAnthropicTools(request),
    // Anthropic's metadata.user_id serves what OpenAI's safety_identifier (formerly user) does.
    ...(userId ? { metadata: { user_id: userId } } : {}),
  };
}

/** Chat fields with an Anthropic equivalent (or a neutral value checked below). */
const ANTHROPIC_CHAT_FIELDS: ReadonlySet<string> = new Set([
  'messages', 'max_tokens', 'max_completion_tokens', 'stop', 'temperature', 'top_p', 'top_k', 'tools', 'tool_choice', 'parallel_tool_calls',
  'safety_identifier', 'n', 'logprobs', 'top_logprobs', 'response_format', 'seed', 'presence_penalty', 'frequency_penalty', 'logit_bias',
]);

function refuseUnsupported(provider: string, request: ChatRequest): void {
  refuseUnmappedFields(provider, 'Anthropic', request, ANTHROPIC_CHAT_FIELDS);
  if (request.n != null && request.n > 1) throw unsupportedParameter(provider, 'n', 'Anthropic returns one choice per request');
  if (request.logprobs || (request.top_logprobs ?? 0) > 0) {
    throw unsupportedParameter(provider, 'logprobs', 'Anthropic does not return token log probabilities');
  }
  const format = request.response_format?.type;
  if (format === 'json_schema' || format === 'json_object') {
    throw unsupportedParameter(provider, `response_format ${format}`, 'use a tool with an input schema instead');
  }
  if (request.seed != null) throw unsupportedParameter(provider, 'seed', 'Anthropic has no seeded sampling');
  if ((request.presence_penalty ?? 0) !== 0) throw unsupportedParameter(provider, 'presence_penalty', 'Anthropic has no penalties');
  if ((request.frequency_penalty ?? 0) !== 0) throw unsupportedParameter(provider, 'frequency_penalty', 'Anthropic has no penalties');
  if (request.logit_bias && Object.keys(request.logit_bias).length > 0) {
    throw unsupportedParameter(provider, 'logit_bias', 'Anthropic has no logit bias');
  }
  if (request.temperature != null && request.temperature > 1) {
    throw unsupportedParameter(provider, 'temperature above 1', "Anthropic's temperature ranges from 0 to 1");
  }
}
