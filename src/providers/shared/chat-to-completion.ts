// Legacy text completions for families that only have a chat API: the prompt becomes one user
// message and the chat answer is reshaped as `text_completion` objects, streamed or not.
import type {
  CallOptions,
  ChatChunk,
  ChatCompletion,
  ChatRequest,
  CompletionRequest,
  TextCompletion,
} from '../spec/index.js';
import { unsupportedParameter } from './unsupported-parameter.js';

/**
 * The chat request that answers a text completion request.
 * @throws StewardError UNSUPPORTED_PARAMETER for several prompts, echo, suffix, logprobs or best_of > 1.
 */
export function completionToChatRequest(provider: string, request: CompletionRequest): ChatRequest {
  const { prompt, echo, suffix, logprobs, best_of: bestOf, ...sampling } = request;
  if (Array.isArray(prompt) && prompt.length > 1) {
    throw unsupportedParameter(provider, 'prompt', 'a list of several prompts (send one request per prompt)');
  }
  if (echo) throw unsupportedParameter(provider, 'echo', 'the prompt cannot be echoed through a chat API');
  if (suffix) throw unsupportedParameter(provider, 'suffix', 'insertion is not available through a chat API');
  if (logprobs != null) throw unsupportedParameter(provider, 'logprobs', 'token log probabilities are not returned');
  if (bestOf != null && bestOf > 1) throw unsupportedParameter(provider, 'best_of', 'server-side best-of is not available');
  const text = Array.isArray(prompt) ? prompt[0] : prompt;
  if (typeof text !== 'string') throw unsupportedParameter(provider, 'prompt', 'token-id prompts are for OpenAI-compatible models; send text');
  return { ...sampling, messages: [{ role: 'user', content: text }] };
}

/** A chat completion reshaped as a text completion. */
export function chatToTextCompletion(completion: ChatCompletion): TextCompletion {
  return {
    id: completion.id,
    object: 'text_completion',
    created: completion.created,
    model: completion.model,
    choices: completion.choices.map((choice) => ({
      index: choice.index,
      text: choice.message.content ?? '',
      finish_reason: choice.finish_reason,
      logprobs: null,
    })),
    ...(completion.usage ? { usage: completion.usage } : {}),
  };
}

/** A chat chunk reshaped as a streamed text completion, or undefined when it carries nothing. */
export function chatChunkToTextCompletion(chunk: ChatChunk): TextCompletion | undefined {
  const choices = chunk.choices
    .filter((choice) => (choice.delta.content ?? '') !== '' || choice.finish_reason !== null)
    .map((choice) => ({
      index: choice.index,
      text: choice.delta.content ?? '',
      finish_reason: choice.finish_reason,
      logprobs: null,
    }));
  if (choices.length === 0 && !chunk.usage) return undefined;
  return {
    id: chunk.id,
    object: 'text_completion',
    created: chunk.created,
    model: chunk.model,
    choices,
    ...(chunk.usage ? { usage: chunk.usage } : {}),
  };
}

/** The chat half of a provider, from which the text completion half is derived. */
export interface ChatMethods {
  chat(request: ChatRequest, options: CallOptions): Promise<ChatCompletion>;
  streamChat(request: ChatRequest, options: CallOptions): AsyncIterable<ChatChunk>;
}

/** `complete` and `streamComplete` built on a provider's chat methods. */
export function completionsViaChat(provider: string, methods: ChatMethods) {
  return {
    async complete(request: CompletionRequest, options: CallOptions): Promise<TextCompletion> {
      return chatToTextCompletion(await methods.chat(completionToChatRequest(provider, request), options));
    },
    async *streamComplete(request: CompletionRequest, options: CallOptions): AsyncGenerator<TextCompletion> {
      for await (const chunk of methods.streamChat(completionToChatRequest(provider, request), options)) {
        const completion = chatChunkToTextCompletion(chunk);
        if (completion) yield completion;
      }
    },
  };
}
