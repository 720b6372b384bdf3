// An OpenAI-compatible upstream's own Responses API, for providers configured `responses: 'native'`:
// POST /responses as JSON or as its typed event stream. A failure event inside the stream is thrown
// as a ProviderCallError, and a stream that stops before response.completed is a fault.
import type { ProviderConfig } from '../provider-config.js';
import { fetchJson, fetchSse, parseEventJson, streamEndedEarly, upstreamRequest } from '../shared/index.js';
import { type CallOptions, type NativeResponsesCalls, ProviderCallError } from '../spec/index.js';
import { openAiHeaders, openAiUrl } from './openai-endpoint.js';
import { isRecord } from './normalize-openai-response.js';

const isResponse = (value: unknown): value is Record<string, unknown> => isRecord(value) && value.object === 'response';

const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete']);

/** The native Responses calls of one OpenAI-compatible provider. */
export function openAiResponsesCalls(config: ProviderConfig): NativeResponsesCalls {
  const provider = config.name;
  const request = (body: unknown, options: CallOptions) =>
    upstreamRequest(config, options, { url: openAiUrl(config, '/responses', typeof (body as { model?: unknown }).model === 'string' ? (body as { model: string }).model : undefined), headers: openAiHeaders(config, options.headers), body });
  return {
    async create(body, options) {
      return fetchJson(request({ ...body, stream: false }, options), isResponse);
    },
    async *stream(body, options) {
      const call = request({ ...body, stream: true }, options);
      let finished = false;
      for await (const event of fetchSse(call)) {
        if (event.data === '[DONE]') break;
        const value = parseEventJson(provider, event.data);
        if (!isRecord(value) || typeof value.type !== 'string') continue;
        if (value.type === 'error' || value.type === 'response.failed') {
          const error = value.type === 'error' ? value : (value.response as { error?: unknown } | undefined)?.error;
          const message = isRecord(error) && typeof error.message === 'string' ? error.message : 'the response failed';
          throw new ProviderCallError({ provider, url: call.url, message: `${provider} failed mid-stream: ${message}`, responseBody: event.data });
        }
        if (FINAL_EVENTS.has(value.type)) finished = true;
        yield value as Record<string, unknown> & { type: string };
      }
      if (!finished) throw streamEndedEarly(provider, 'response.completed');
    },
  };
}
