// The one way evaluations (and model-made dataset augmentation) call models: a chat call that also
// reports its latency and cost, and embeddings. The server wires it to the gateway's in-process API;
// tests may build one over a provider directly.
import type { ChatCompletion, ChatRequest } from '../../providers/spec/index.js';

/** A chat completion with what the call cost. */
export type CalledCompletion = ChatCompletion & { latencyMs: number; costUsd?: number };

export interface ModelCallOptions {
  signal?: AbortSignal;
}

export interface ModelCaller {
  /** `request.model` is any name the caller resolves: a route, `provider/model`, a model version. */
  chat(request: ChatRequest, options: ModelCallOptions): Promise<CalledCompletion>;
  /** Embeddings of `texts` with `options.model` (the caller's default when absent). */
  embed(texts: string[], options: ModelCallOptions & { model?: string }): Promise<number[][]>;
}

/** The text of a completion's first choice ('' when it has none). */
export function completionText(completion: ChatCompletion): string {
  return completion.choices[0]?.message.content ?? '';
}
