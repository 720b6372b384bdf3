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
  readonly #entries = new Map<string, RegisteredProvider>();

  get(name: string): LanguageModelProvider | undefined {
    return this.#entries.get(name)?.provider;
  }

  entry(name: string): RegisteredProvider | undefined {
    return this.#entries.get(name);
  }

  /** The provider if the project may call it (instance-wide, shared or its own), else undefined. */
  getFor(projectId: string, name: string): LanguageModelProvider | undefined {
    return this.entryFor(projectId, name)?.provider;
  }

  entryFor(projectId: string, name: string): RegisteredProvider | undefined {
    const entry = this.#entries.get(name);
    return entry && visibleTo(entry, projectId) ? entry : undefined;
  }

  /** The providers a project may see. */
  listFor(projectId: string): { name: string; entry: RegisteredProvider }[] {
    return this.list().filter(({ entry }) => visibleTo(entry, projectId));
  }

  list(): { name: string; entry: RegisteredProvider }[] {
    return [...this.#entries].map(([name, entry]) => ({ name, entry }));
  }

  /** Adds or replaces a provider; the replaced adapter is closed. */
  set(entry: RegisteredProvider): void {
    const previous = this.#entries.get(entry.provider.name);
    this.#entries.set(entry.provider.name, entry);
    if (previous && previous.provider !== entry.provider) void previous.provider.close?.();
  }

  delete(name: string): void {
    const previous = this.#entries.get(name);
    this.#entries.delete(name);
    void previous?.provider.close?.();
  }

  /** Names registered from one source. */
  namesFrom(source: ProviderSource): string[] {
    return [...this.#entries].filter(([, entry]) => entry.source === source).map(([name]) => name);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#entries.values()].map((entry) => entry.provider.close?.()));
    this.#entries.clear();
  }
}
