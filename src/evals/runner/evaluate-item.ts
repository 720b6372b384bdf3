// One item of a run: the model's answer (from the cache of a previous run when re-scoring, else a
// call), then every metric. A failed call is recorded as the item's error, never as a score.
import type { DatasetItem, ItemInput } from '../../datasets/index.js';
import type { Usage } from '../../providers/spec/index.js';
import type { BoundMetric, MetricResult, MetricServices } from '../metrics/index.js';
import { type ModelCaller, completionText } from '../model-caller/model-caller.js';
import { buildItemRequest, type ResolvedPrompt } from '../runs/render-prompt.js';
import type { RunParams } from '../runs/run-spec.js';

export interface CachedOutput {
  output: string | null;
  latencyMs: number | null;
  usage: Usage | null;
  costUsd: number | null;
  callError: string | null;
}

export interface ItemContext {
  target: string;
  prompt: ResolvedPrompt | undefined;
  params: RunParams;
  metrics: readonly BoundMetric[];
  caller: ModelCaller;
  signal: AbortSignal;
}

export interface EvaluatedItem extends CachedOutput {
  scores: Record<string, MetricResult>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function callSignal(context: ItemContext): AbortSignal {
  return AbortSignal.any([context.signal, AbortSignal.timeout(context.params.timeoutMs)]);
}

/** Calls the model under test for one input (also used by robustness and bias metrics). */
async function callTarget(context: ItemContext, item: Pick<DatasetItem, 'input' | 'metadata' | 'contexts'>): Promise<CachedOutput> {
  try {
    const request = await buildItemRequest(context.target, item, context.prompt, context.params);
    const completion = await context.caller.chat(request, { signal: callSignal(context) });
    return { output: completionText(completion), latencyMs: completion.latencyMs, usage: completion.usage ?? null, costUsd: completion.costUsd ?? null, callError: null };
  } catch (error) {
    // A stop of the run is not the item's failure: let it unwind so the item is retried on resume.
    if (context.signal.aborted) throw error;
    return { output: null, latencyMs: null, usage: null, costUsd: null, callError: describe(error) };
  }
}

export async function evaluateItem(context: ItemContext, item: DatasetItem, cached: CachedOutput | undefined): Promise<EvaluatedItem> {
  const answer = cached ?? (await callTarget(context, item));
  if (answer.output === null) return { ...answer, scores: {} };
  const services: MetricServices = {
    chat: (request) => context.caller.chat(request, { signal: callSignal(context) }),
    embed: (texts) => context.caller.embed(texts, { model: context.params.embeddingModel, signal: callSignal(context) }),
    generate: async (input: ItemInput) => {
      const result = await callTarget(context, { input, metadata: item.metadata, contexts: item.contexts });
      if (result.output === null) throw new Error(result.callError ?? 'the model call failed');
      return { output: result.output, latencyMs: result.latencyMs ?? 0, usage: result.usage ?? undefined };
    },
  };
  const scores: Record<string, MetricResult> = {};
  for (const metric of context.metrics) {
    scores[metric.name] = await metric.score({
      item,
      output: answer.output,
      latencyMs: answer.latencyMs ?? undefined,
      usage: answer.usage ?? undefined,
      costUsd: answer.costUsd ?? undefined,
      services,
    });
    if (context.signal.aborted) throw context.signal.reason;
  }
  return { ...answer, scores };
}
