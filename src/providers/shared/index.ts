// What the upstream adapters share: one HTTP call with timeouts and typed errors, SSE parsing,
// and the mapping of text completions onto chat for families without a completions API.
export { fetchJson, fetchSse, type UpstreamRequest } from './call-upstream.js';
export { upstreamRequest, type UpstreamTarget } from './upstream-request.js';
export { requireFamily } from './require-family.js';
export { parseSse, type SseEvent } from './sse-parse.js';
export { parseEventJson, streamEndedEarly } from './sse-json.js';
export { parseRetryAfter } from './parse-retry-after.js';
export { upstreamErrorMessage, upstreamErrorParam } from './upstream-error-message.js';
export { parseDataUrl, type DataUrl } from './parse-data-url.js';
export { contentText } from './content-text.js';
export { unsupportedParameter } from './unsupported-parameter.js';
export { refuseAnthropicOnlyFields, refuseUnmappedFields } from './refuse-unmapped-fields.js';
export { configureUpstreamPools, upstreamDispatcher, type UpstreamPoolOptions } from './upstream-dispatcher.js';
export { newId, unixSeconds } from './response-id.js';
export {
  completionToChatRequest,
  chatToTextCompletion,
  chatChunkToTextCompletion,
  completionsViaChat,
  type ChatMethods,
} from './chat-to-completion.js';
