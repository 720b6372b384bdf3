// The worst case of a call, reserved before it runs: prompt tokens by a safe upper estimate, plus the
// most output it may produce, priced at the dearest target it may fall back to. Byte-level BPE
// tokenizers (OpenAI, Anthropic, Llama, Gemini's SentencePiece with byte fallback) never make more
// tokens than the UTF-8 bytes of the text, and the JSON of a message is longer than the text plus
// its few framing tokens, so the byte length of the request's JSON bounds its prompt tokens.
import { type ChatRequest, type CompletionRequest, type EmbeddingRequest, completionPromptCount } from '../../providers/spec/index.js';

/** Tokens an image part may cost at most (OpenAI's high-detail tiles, Anthropic's 1568-token cap). */
const IMAGE_TOKENS = 1_600;

export interface WorstCase {
  promptTokens: number;
  outputTokens: number;
  tokens: number;
  costUsd: number;
}

type AnyRequest = ChatRequest | CompletionRequest | EmbeddingRequest;

/** An upper bound of the prompt tokens of a request. */
export function promptTokensUpperBound(request: AnyRequest): number {
  if ('messages' in request) {
    const json = JSON.stringify(request.messages);
    const images = json.split('"image_url"').length - 1;
    const tools = 'tools' in request && request.tools ? Buffer.byteLength(JSON.stringify(request.tools)) : 0;
    return Buffer.byteLength(json) + tools + images * IMAGE_TOKENS;
  }
  if ('prompt' in request) return Buffer.byteLength(JSON.stringify(request.prompt));
  const input = request.input;
  if (Array.isArray(input) && input.length > 0 && typeof input[0] === 'number') return input.length;
  if (Array.isArray(input) && input.length > 0 && Array.isArray(input[0])) return (input as number[][]).reduce((sum, ids) => sum + ids.length, 0);
  return Buffer.byteLength(JSON.stringify(input));
}

/** The most output tokens a request may produce: its own cap, else the target's, else the default. */
export function outputTokensUpperBound(request: AnyRequest, targetParams: Record<string, unknown> | undefined, defaultMax: number): number {
  if (!('messages' in request) && !('prompt' in request)) return 0; // embeddings
  const own = ('max_completion_tokens' in request ? request.max_completion_tokens : undefined) ?? request.max_tokens;
  const fromTarget = targetParams?.max_completion_tokens ?? targetParams?.max_tokens;
  const cap = own ?? (typeof fromTarget === 'number' ? fromTarget : undefined) ?? defaultMax;
  const n = 'n' in request && typeof request.n === 'number' ? request.n : 1;
  let choices = n;
  if ('prompt' in request) {
    // Every prompt of a list is its own completion; best_of generates that many server-side.
    const bestOf = typeof request.best_of === 'number' ? request.best_of : 1;
    choices = Math.max(n, bestOf) * completionPromptCount(request.prompt);
  }
  return cap * choices;
}
