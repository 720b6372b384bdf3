// A route bound to a prompt, called on /v1/responses: the prompt is rendered as on chat completions
// (bindRoutePrompt yields chat `messages` and the prompt's chat parameters), and the result is put
// back in Responses terms — the rendered messages become the first input items, `max_tokens` becomes
// `max_output_tokens` — so the request validates as a Responses body and nothing rendered is lost.
import type { ChatMessage } from '../../../providers/spec/index.js';
import { chatToResponsesInput } from './native-responses.js';

/** The Responses body for a body `bindRoutePrompt` rendered (`original` is what the client sent). */
export function responsesBodyFromBound(original: unknown, bound: { body: unknown; promptVersionId?: string }): unknown {
  if (bound.promptVersionId === undefined || typeof bound.body !== 'object' || bound.body === null) return bound.body;
  const { messages, max_tokens: maxTokens, max_completion_tokens: maxCompletionTokens, ...rest } = bound.body as Record<string, unknown>;
  const client = original as Record<string, unknown>;
  const own = client.input === undefined ? [] : typeof client.input === 'string' ? [{ type: 'message', role: 'user', content: client.input }] : Array.isArray(client.input) ? client.input : [client.input];
  const rendered = chatToResponsesInput((Array.isArray(messages) ? messages : []) as ChatMessage[]);
  const body: Record<string, unknown> = { ...rest, input: [...rendered, ...own] };
  const limit = maxCompletionTokens ?? maxTokens;
  if (body.max_output_tokens === undefined && limit !== undefined) body.max_output_tokens = limit;
  return body;
}
