// Resolves `provider/model` against the configured providers: the model part is passed upstream as is
// (it may itself contain slashes, as in `together/meta-llama/Llama-3-8b`). Only providers the caller's
// project may use resolve: instance-wide ones, shared ones and the project's own.
import type { ModelResolver, ResolvedModel } from '../model-resolver.js';
import type { ProviderRegistry } from './provider-registry.js';

export class ProviderModelResolver implements ModelResolver {
  readonly #registry: ProviderRegistry;

  constructor(registry: ProviderRegistry) {
    this.#registry = registry;
  }

  async resolve(projectId: string, name: string): Promise<ResolvedModel | null> {
    return this.resolveSync(projectId, name);
  }

  /** The same answer without a promise, for the hot path. */
  resolveSync(projectId: string, name: string): ResolvedModel | null {
    const slash = name.indexOf('/');
    if (slash <= 0 || slash === name.length - 1) return null;
    const provider = name.slice(0, slash);
    if (!this.#registry.getFor(projectId, provider)) return null;
    return { provider, model: name.slice(slash + 1) };
  }
}
