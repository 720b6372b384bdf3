// A stand-in for the Gemini API (v1beta): generateContent, streamGenerateContent?alt=sse,
// embedContent, batchEmbedContents and models, with Google's error bodies.
import batchEmbed from '../../src/providers/gemini/__fixtures__/batch-embed-contents.json' with { type: 'json' };
import functionCall from '../../src/providers/gemini/__fixtures__/generate-content-function-call.json' with { type: 'json' };
import text from '../../src/providers/gemini/__fixtures__/generate-content.json' with { type: 'json' };
import models from '../../src/providers/gemini/__fixtures__/models.json' with { type: 'json' };
import stream from '../../src/providers/gemini/__fixtures__/stream.json' with { type: 'json' };
import streamFunctionCall from '../../src/providers/gemini/__fixtures__/stream-function-call.json' with { type: 'json' };
import { type RecordedRequest, type StandIn, type StandInOptions, type StandInReply, bodyOf, startStandIn } from './stand-in-server.js';

const STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const errorBody = (status: number, message: string) => ({ error: { code: status, message, status: STATUSES[status] ?? 'UNKNOWN' } });

const ACTION = /^\/v1beta\/(.+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;

/**
 * Starts a Gemini stand-in; `url` ends in `/v1beta` (use it as `baseUrl`). The key is checked in
 * `x-goog-api-key` or `?key=`; requests with `tools` get the functionCall fixture.
 */
export function startGeminiStandIn(options: StandInOptions = {}): Promise<StandIn> {
  return startStandIn(
    {
      basePath: '/v1beta',
      route,
      errorBody,
      errorEvent: () => ({ data: JSON.stringify(errorBody(503, 'The model is overloaded. Please try again later.')) }),
      isAuthorised: (request, key) => request.headers['x-goog-api-key'] === key || request.query.key === key,
    },
    options,
  );
}

function route(request: RecordedRequest): StandInReply {
  if (request.method === 'GET' && request.path === '/v1beta/models') return { kind: 'json', body: models };
  const match = ACTION.exec(request.path);
  if (request.method !== 'POST' || !match) return { kind: 'json', status: 404, body: errorBody(404, `Not found: ${request.path}`) };
  const [, model, action] = match;
  const body = bodyOf(request);
  const modelVersion = model.replace(/^models\//, '');
  if (action === 'batchEmbedContents') {
    const requests = Array.isArray(body.requests) ? body.requests : [];
    return { kind: 'json', body: { embeddings: requests.map((_, index) => batchEmbed.embeddings[index % batchEmbed.embeddings.length]) } };
  }
  if (action === 'embedContent') return { kind: 'json', body: { embedding: batchEmbed.embeddings[0] } };
  if (!Array.isArray(body.contents) || body.contents.length === 0) {
    return { kind: 'json', status: 400, body: errorBody(400, '* GenerateContentRequest.contents: contents is not specified') };
  }
  const tools = Array.isArray(body.tools) && body.tools.length > 0;
  if (action === 'streamGenerateContent') {
    if (request.query.alt !== 'sse') return { kind: 'json', body: tools ? streamFunctionCall : stream };
    const responses = (tools ? streamFunctionCall : stream).map((response) => ({ ...response, modelVersion }));
    return { kind: 'sse', events: responses.map((response) => ({ data: JSON.stringify(response) })) };
  }
  return { kind: 'json', body: { ...(tools ? functionCall : text), modelVersion } };
}
