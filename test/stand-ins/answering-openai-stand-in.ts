// An OpenAI-compatible stand-in whose answers depend on the request: `answer(model, lastUserText)`
// decides each chat completion's text, so evaluations see models that differ item by item. Shares
// the stand-in machinery (slow, fail, hang on demand) with the recorded-fixture stand-ins.
import { type StandIn, type StandInOptions, bodyOf, startStandIn } from './stand-in-server.js';

export type AnswerFunction = (model: string, lastUserText: string) => string;

function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: string; content?: unknown }[]) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') return typeof messages[i].content === 'string' ? (messages[i].content as string) : JSON.stringify(messages[i].content);
  }
  return '';
}

/** Starts the stand-in; `url` ends in `/v1`. Requests record their body, so tests can count calls per model and input. */
export function startAnsweringStandIn(answer: AnswerFunction, options: StandInOptions = {}): Promise<StandIn> {
  return startStandIn(
    {
      basePath: '/v1',
      route(request) {
        const body = bodyOf(request);
        const model = typeof body.model === 'string' ? body.model : 'unknown';
        if (!request.path.endsWith('/chat/completions')) {
          return { kind: 'json', status: 404, body: { error: { message: `Unknown path ${request.path}`, type: 'invalid_request_error', param: null, code: null } } };
        }
        const text = answer(model, lastUserText(body));
        return {
          kind: 'json',
          body: {
            id: `chatcmpl-${request.path.length}${Date.now()}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
            usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
          },
        };
      },
      errorBody: (status, message) => ({ error: { message, type: status === 429 ? 'requests' : 'server_error', param: null, code: null } }),
      errorEvent: () => ({ data: JSON.stringify({ error: { message: 'stand-in error', type: 'server_error' } }) }),
      isAuthorised: (request, key) => request.headers.authorization === `Bearer ${key}`,
    },
    options,
  );
}

/** The user text of a recorded chat request. */
export function recordedUserText(body: unknown): string {
  return lastUserText(typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
}
