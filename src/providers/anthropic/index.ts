// The Anthropic family: the Messages API behind Steward's OpenAI-shaped provider interface,
// with request and response mapping in small pure functions.
export { createAnthropicProvider } from './anthropic-provider.js';
export { buildAnthropicRequest } from './build-anthropic-request.js';
export { mapAnthropicResponse } from './map-anthropic-response.js';
export { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
export { mapAnthropicUsage } from './map-anthropic-usage.js';
export { createAnthropicStreamMapper, type AnthropicStreamMapper } from './anthropic-stream-mapper.js';
export type * from './anthropic-api-types.js';
