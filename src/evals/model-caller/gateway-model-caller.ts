// A ModelCaller over the gateway's in-process API, so evaluation calls are routed, limited, cached
// and traced like any other call, on behalf of the actor who started the run.
import type { Actor } from '../../governance/index.js';
import type { ChatCompletion, ChatRequest, EmbeddingRequest, EmbeddingResult } from '../../providers/spec/index.js';
import type { ModelCaller } from './model-caller.js';

/** The part of the gateway a ModelCaller needs. */
export interface InProcessGateway {
  /** A chat call with what it cost by the gateway's price table. */
  chatCall(actor: Actor, request: ChatRequest, options: { signal?: AbortSignal }): Promise<{ body: ChatCompletion; costUsd: number }>;
  embed(actor: Actor, request: EmbeddingRequest, options: { signal?: AbortSignal }): Promise<EmbeddingResult>;
  /** Plans a call without making it: runs check their target (and judges) resolve when created. */
  readonly planner?: { plan(model: string, context: { projectId: string }): Promise<{ targets: readonly { resolved: { versionId?: string } }[] }> };
}

export function gatewayModelCaller(gateway: InProcessGateway, actor: Actor, options: { defaultEmbeddingModel?: string } = {}): ModelCaller {
  return {
    async chat(request, callOptions) {
      const started = performance.now();
      const { body, costUsd } = await gateway.chatCall(actor, { ...request, stream: false }, { signal: callOptions.signal });
      return { ...body, latencyMs: performance.now() - started, costUsd };
    },
    async embed(texts, callOptions) {
      const model = callOptions.model ?? options.defaultEmbeddingModel;
      if (!model) throw new Error('no embedding model: set params.embeddingModel on the run');
      const result = await gateway.embed(actor, { model, input: texts }, { signal: callOptions.signal });
      return [...result.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    },
  };
}
