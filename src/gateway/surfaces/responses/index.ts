// The OpenAI Responses API surface: request schema, translation to and from chat completions, the
// typed stream events and the per-project store of responses.
export { ResponsesRequestSchema, type ResponsesRequest, type InputItem } from './responses-request.js';
export { ResponsesSurface, responseNotFound, type ResponsesOutcome } from './responses-surface.js';
export type { ResponseObject, OutputItem } from './response-object.js';
export type { ResponseStreamEvent } from './response-stream-events.js';
export { StoredResponses } from './stored-responses.js';
