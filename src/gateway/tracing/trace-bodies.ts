// What a trace stores of a request and its answer: nothing when the route opts out, personal data
// redacted when it asks, the `user` field as its pseudonym, and embeddings without their vectors.
import { redactChatRequest, redactPii } from '../../privacy/index.js';
import {
  type ChatCompletion,
  type ChatRequest,
  type CompletionRequest,
  type EmbeddingResult,
  NATIVE_MESSAGE_FIELD,
  NATIVE_MESSAGES_FIELD,
  type NativeMessagesRequest,
  type TextCompletion,
  withoutNativeMessages,
} from '../../providers/spec/index.js';
import type { TraceEndpoint } from '../../monitoring/traces/index.js';

export interface BodyPolicy {
  store: boolean;
  redact: boolean;
}

type AnyRequest = ChatRequest | CompletionRequest | { model: string; input: unknown; user?: string };
type AnyResponse = ChatCompletion | TextCompletion | EmbeddingResult;

function redactString(text: string): string {
  return redactPii(text).text;
}

export function storedRequest(endpoint: TraceEndpoint, request: AnyRequest, policy: BodyPolicy, userPseudonym: string | null): unknown {
  if (!policy.store) return null;
  // A /v1/messages request's original body is what an Anthropic upstream gets; the trace keeps the
  // chat translation (redacted when asked), never a second, unredacted copy of the conversation.
  let body: AnyRequest = withoutNativeMessages(request);
  if ('user' in body && body.user !== undefined) body = { ...body, user: userPseudonym ?? undefined };
  if (!policy.redact) return body;
  if (endpoint === 'chat') return redactChatRequest(body as ChatRequest).request;
  if (endpoint === 'completions') {
    const prompt = (body as CompletionRequest).prompt;
    return { ...body, prompt: typeof prompt === 'string' ? redactString(prompt) : prompt.map((p) => (typeof p === 'string' ? redactString(p) : p)) };
  }
  const input = (body as { input: unknown }).input;
  if (typeof input === 'string') return { ...body, input: redactString(input) };
  if (Array.isArray(input) && input.every((item) => typeof item === 'string')) return { ...body, input: (input as string[]).map(redactString) };
  return body;
}

export function storedResponse(endpoint: TraceEndpoint, response: AnyResponse | undefined, policy: BodyPolicy): unknown {
  if (!policy.store || response === undefined) return null;
  if (NATIVE_MESSAGE_FIELD in response) {
    const { [NATIVE_MESSAGE_FIELD]: _native, ...rest } = response as unknown as Record<string, unknown>;
    response = rest as unknown as AnyResponse;
  }
  if (endpoint === 'embeddings') {
    const result = response as EmbeddingResult;
    return { object: 'list', model: result.model, usage: result.usage, data: result.data.map((d) => ({ index: d.index, dimensions: d.embedding.length })) };
  }
  if (!policy.redact) return response;
  if (endpoint === 'chat') {
    const chat = response as ChatCompletion;
    return {
      ...chat,
      choices: chat.choices.map((choice) => ({
        ...choice,
        message: { ...choice.message, content: choice.message.content === null ? null : redactString(choice.message.content) },
      })),
    };
  }
  const text = response as TextCompletion;
  return { ...text, choices: text.choices.map((choice) => ({ ...choice, text: redactString(choice.text) })) };
}

/** Redacts what goes upstream (route option `privacy.redactUpstream`). */
export function redactUpstream<T extends AnyRequest>(endpoint: TraceEndpoint, request: T): T {
  const redacted = storedRequest(endpoint, request, { store: true, redact: true }, 'user' in request ? (request.user ?? null) : null);
  const native = (request as Record<string, unknown>)[NATIVE_MESSAGES_FIELD] as NativeMessagesRequest | undefined;
  if (!native) return redacted as T;
  // The original conversation stays behind: an Anthropic upstream gets the redacted translation.
  const { messages: _messages, system: _system, metadata: _metadata, ...settings } = native.body;
  return { ...(redacted as object), [NATIVE_MESSAGES_FIELD]: { ...native, body: settings, conversationRewritten: true } } as unknown as T;
}
