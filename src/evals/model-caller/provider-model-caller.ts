// A ModelCaller straight over configured providers, resolving `provider/model` names: for tests,
// benchmarks and processes without a gateway. No routing, retries, limits or traces.
import { StewardError } from '../../errors/index.js';
import type { LanguageModelProvider } from '../../providers/spec/index.js';
import type { CalledCompletion, ModelCaller } from './model-caller.js';

/**
 * @example
 * const caller = providerModelCaller([createOpenAiProvider({ name: 'mock', family: 'openai', baseUrl })]);
 * await caller.chat({ model: 'mock/gpt-4o-mini', messages }, {});
 */
export function providerModelCaller(providers: readonly LanguageModelProvider[], options: { defaultEmbeddingModel?: string } = {}): ModelCaller {
  const byName = new Map(providers.map((p) => [p.name, p]));
  const resolve = (model: string): [LanguageModelProvider, string] => {
    const slash = model.indexOf('/');
    const provider = slash > 0 ? byName.get(model.slice(0, slash)) : providers.length === 1 ? providers[0] : undefined;
    if (!provider) {
      throw new StewardError({ code: 'MODEL_NOT_FOUND', message: `no provider for model ${model}; known providers: ${[...byName.keys()].join(', ') || 'none'}` });
    }
    return [provider, slash > 0 && byName.has(model.slice(0, slash)) ? model.slice(slash + 1) : model];
  };
  return {
    async chat(request, callOptions): Promise<CalledCompletion> {
      const [provider, model] = resolve(request.model);
      const started = performance.now();
      const completion = await provider.chat({ ...request, model, stream: false }, { signal: callOptions.signal ?? new AbortController().signal });
      return { ...completion, latencyMs: performance.now() - started };
    },
    async embed(texts, callOptions) {
      const name = callOptions.model ?? options.defaultEmbeddingModel;
      if (!name) throw new StewardError({ code: 'VALIDATION_FAILED', message: 'no embedding model: set params.embeddingModel on the run' });
      const [provider, model] = resolve(name);
      if (!provider.embed) throw new StewardError({ code: 'UNSUPPORTED_PARAMETER', message: `provider ${provider.name} has no embeddings` });
      const result = await provider.embed({ model, input: texts }, { signal: callOptions.signal ?? new AbortController().signal });
      return [...result.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    },
  };
}
