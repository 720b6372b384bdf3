// What the upstream adapters share: one HTTP call with timeouts and typed errors, SSE parsing,
// and the mapping of text completions onto chat for families without a completions API.
export { fetchJson, fetchSse, type UpstreamRequest } from './call-upstream.js';
export { parseSse, type SseEvent } from './sse-parse.js';
export { parseRetryAfter } from './parse-retry-after.js';
export { upstreamErrorMessage } from './upstream-error-message.js';
export { parseDataUrl, type DataUrl } from './parse-data-url.js';
export { contentText } from './content-text.js';
export { unsupportedParameter } from './unsupported-parameter.js';
export { newId, unixSeconds } from './response-id.js';
export {
  completionToChatRequest,
  chatToTextCompletion,
  chatChunkToTextCompletion,
  completionsViaChat,
  type ChatMethods,
} from './chat-to-completion.js';
