// The providers this process can call, by name: from the environment, steward.yaml, the API and
// the builtin model. Lookups are a map read; the API source is reloaded on change notifications.
import { StewardError } from '../../errors/index.js';
import type { ProviderConfig } from '../../providers/provider-config.js';
import { PROVIDER_FACTORIES } from '../../providers/provider-registry.js';
import type { LanguageModelProvider } from '../../providers/spec/index.js';

export const PROVIDER_SOURCES = ['env', 'config', 'api', 'builtin'] as const;
export type ProviderSource = (typeof PROVIDER_SOURCES)[number];

export interface RegisteredProvider {
  provider: LanguageModelProvider;
  source: ProviderSource;
  /** The configuration without credentials (undefined for the builtin provider). */
  config?: Omit<ProviderConfig, 'apiKey'>;
  /** Whether the configuration carried credentials (never the credentials themselves). */
  hasApiKey: boolean;
  /** The project an API-configured provider belongs to; env, steward.yaml and builtin providers are instance-wide. */
  projectId?: string;
  /** An API-configured provider the instance owner shared with every project. */
  shared?: boolean;
}

const apiKeyOf = (projectId: string, name: string) => `${projectId}\u0000${name}`;
const keyOf = (entry: RegisteredProvider) => (entry.source === 'api' ? apiKeyOf(entry.projectId ?? '', entry.provider.name) : entry.provider.name);

/** Whether a project may see and call a provider: instance-wide, shared, or its own. */
export function visibleTo(entry: RegisteredProvider, projectId: string): boolean {
  return entry.source !== 'api' || entry.shared === true || entry.projectId === projectId;
}

/** Creates an adapter for a validated configuration. @throws StewardError CONFIG_INVALID for a family without adapter. */
export function instantiateProvider(config: ProviderConfig): LanguageModelProvider {
  const factory = (PROVIDER_FACTORIES as Partial<Record<string, (c: ProviderConfig) => LanguageModelProvider>>)[config.family];
  if (!factory) throw new StewardError({ code: 'CONFIG_INVALID', message: `provider family ${config.family} has no adapter in this build` });
  return factory(config);
}

export function withoutSecret(config: ProviderConfig): Omit<ProviderConfig, 'apiKey'> {
  const { apiKey: _apiKey, ...rest } = config;
  return rest;
}

export class ProviderRegistry {
  /** Instance-wide providers by name; API-configured ones by `projectId` NUL `name` (names are per project). */
  readonly #entries = new Map<string, RegisteredProvider>();

  /** An instance-wide provider (environment, steward.yaml, builtin) by name. */
  get(name: string): LanguageModelProvider | undefined {
    return this.entry(name)?.provider;
  }

  /** An instance-wide provider's entry by name: never a project's own. */
  entry(name: string): RegisteredProvider | undefined {
    return this.#entries.get(name);
  }

  /** The provider if the project may call it (its own, instance-wide or shared), else undefined. */
  getFor(projectId: string, name: string): LanguageModelProvider | undefined {
    return this.entryFor(projectId, name)?.provider;
  }

  /** A project's own provider of that name first, then an instance-wide one, then one the owner shared. */
  entryFor(projectId: string, name: string): RegisteredProvider | undefined {
    const own = this.#entries.get(apiKeyOf(projectId, name));
    if (own) return own;
    const wide = this.#entries.get(name);
    if (wide) return wide;
    for (const entry of this.#entries.values()) if (entry.source === 'api' && entry.shared === true && entry.provider.name === name) return entry;
    return undefined;
  }

  /** The providers a project may see, one per name (its own before instance-wide before shared). */
  listFor(projectId: string): { name: string; entry: RegisteredProvider }[] {
    const names = new Set(this.list().filter(({ entry }) => visibleTo(entry, projectId)).map(({ name }) => name));
    return [...names].flatMap((name) => {
      const entry = this.entryFor(projectId, name);
      return entry ? [{ name, entry }] : [];
    });
  }

  list(): { name: string; entry: RegisteredProvider }[] {
    return [...this.#entries.values()].map((entry) => ({ name: entry.provider.name, entry }));
  }

  /** Adds or replaces a provider; the replaced adapter is closed. */
  set(entry: RegisteredProvider): void {
    const key = keyOf(entry);
    const previous = this.#entries.get(key);
    this.#entries.set(key, entry);
    if (previous && previous.provider !== entry.provider) void previous.provider.close?.();
  }

  /** Removes an instance-wide provider, or with `projectId` a project's own. */
  delete(name: string, projectId?: string): void {
    const key = projectId === undefined ? name : apiKeyOf(projectId, name);
    const previous = this.#entries.get(key);
    this.#entries.delete(key);
    void previous?.provider.close?.();
  }

  /** The API-configured providers, with their project. */
  apiProviders(): { projectId: string; name: string }[] {
    return [...this.#entries.values()].filter((entry) => entry.source === 'api').map((entry) => ({ projectId: entry.projectId ?? '', name: entry.provider.name }));
  }

  /** Names registered from one source. */
  namesFrom(source: ProviderSource): string[] {
    return [...this.#entries.values()].filter((entry) => entry.source === source).map((entry) => entry.provider.name);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#entries.values()].map((entry) => entry.provider.close?.()));
    this.#entries.clear();
  }
}
