// How a model name a client sends becomes one upstream call: `provider/model`, a registry model
// (`name-002`, `name@production`) or anything else a resolver knows. The gateway asks each in turn.

/** Dates and successor of a model version being retired. */
export interface ModelDeprecation {
  /** ISO time from which the model is deprecated (headers announce the sunset). */
  deprecatedAt?: string;
  /** ISO time after which calls get 410 naming the replacement. */
  sunsetAt?: string;
  /** The model name clients should call instead. */
  replacement?: string;
  /** True once the model can no longer be called, whatever the dates say. */
  discontinued?: boolean;
}

/** One callable upstream model. */
export interface ResolvedModel {
  /** Name of a configured provider (`openai`, `builtin`, …). */
  provider: string;
  /** The upstream's own model id. */
  model: string;
  /** Request parameters the model version fixes (temperature, max_tokens, …); the request's own win. */
  params?: Record<string, unknown>;
  /** Registry version id, recorded on traces. */
  versionId?: string;
  /** Registry version name (`support-002`). */
  versionName?: string;
  deprecation?: ModelDeprecation;
}

/** Turns a model name into an upstream model, or null when it does not know the name in that project. */
export interface ModelResolver {
  /** Names resolve inside the caller's project: another project's model is unknown. */
  resolve(projectId: string, name: string): Promise<ResolvedModel | null>;
  /** Names this resolver can resolve for the project, for GET /v1/models. */
  listNames?(projectId: string): Promise<string[]>;
}

/**
 * Asks each resolver in order; the first answer wins.
 *
 * @example
 * const resolved = await resolveModel([providerResolver, registryResolver], projectId, 'openai/gpt-4o-mini');
 */
export async function resolveModel(resolvers: readonly ModelResolver[], projectId: string, name: string): Promise<ResolvedModel | null> {
  for (const resolver of resolvers) {
    const resolved = await resolver.resolve(projectId, name);
    if (resolved) return resolved;
  }
  return null;
}
