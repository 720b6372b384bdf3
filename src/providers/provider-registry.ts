// The explicit map from upstream family to adapter factory: adding a family is one folder and one
// line here. Also the face of the upstream adapters until the providers index exists.
import { createAnthropicProvider } from './anthropic/index.js';
import { createGeminiProvider } from './gemini/index.js';
import { createOpenAiProvider } from './openai/index.js';
import { type ProviderConfigInput, type UpstreamFamily, parseProviderConfig } from './provider-config.js';
import type { LanguageModelProvider } from './spec/index.js';

/** Builds a provider from its configuration. */
export type ProviderFactory = (config: ProviderConfigInput) => LanguageModelProvider;

/** One factory per upstream family. */
export const PROVIDER_FACTORIES = {
  openai: createOpenAiProvider,
  anthropic: createAnthropicProvider,
  gemini: createGeminiProvider,
} as const satisfies Record<UpstreamFamily, ProviderFactory>;

/**
 * Builds the provider a configuration describes, through {@link PROVIDER_FACTORIES}.
 * @throws ZodError when the configuration is not valid.
 *
 * @example
 * const providers = providersFromEnv(process.env).map(createProvider);
 */
export function createProvider(config: ProviderConfigInput): LanguageModelProvider {
  const parsed = parseProviderConfig(config);
  return PROVIDER_FACTORIES[parsed.family](parsed);
}

export {
  type ProviderConfig,
  type ProviderConfigInput,
  type UpstreamFamily,
  ProviderConfigSchema,
  ProviderTimeoutsSchema,
  UPSTREAM_FAMILIES,
  DEFAULT_BASE_URLS,
  parseProviderConfig,
  providersFromEnv,
} from './provider-config.js';
export { createOpenAiProvider } from './openai/index.js';
export { createAnthropicProvider } from './anthropic/index.js';
export { createGeminiProvider } from './gemini/index.js';
