// The Anthropic Messages API surface: request schema, translation to and from chat completions,
// Anthropic's stream events and error words.
export { MessagesRequestSchema, CountTokensRequestSchema, unknownBlockType, type MessagesRequest, type CountTokensRequest } from './messages-request.js';
export { MessagesSurface, type MessagesOutcome, type CountTokensResult } from './messages-surface.js';
export { anthropicErrorOf, type AnthropicError } from './anthropic-error.js';
export type { MessageObject } from './anthropic-message.js';
export type { MessageStreamEvent } from './message-stream-events.js';
