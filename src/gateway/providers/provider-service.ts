// Providers configured through the API: stored without their key (the key is a SecretService secret),
// audited, and loaded into the registry on every replica through the change feed. Each belongs to the
// project that configured it; only the instance owner may share one with every project. Providers from
// the environment and steward.yaml are instance-wide by design (the operator configured them).
import { StewardError, conflict, notFound } from '../../errors/index.js';
import { type Actor, type SecretService, isInstanceOwner, recordAudit, systemActor } from '../../governance/index.js';
import { type ProviderConfigInput, parseProviderConfig } from '../../providers/provider-config.js';
import type { ChangeFeed, GatewayProvidersTable, Store } from '../../store/index.js';
import { fromJsonColumn, isUniqueViolation, toJsonColumn } from '../../store/index.js';
import { type ProviderRegistry, type ProviderSource, type RegisteredProvider, instantiateProvider, withoutSecret } from './provider-registry.js';
import { apiKeySecretName, hasClearHeaders, headersSecretName, maskHeaders, storedProviderConfig } from './provider-sealing.js';

export const PROVIDERS_TOPIC = 'providers';

/** A provider as the API shows it: never its key. */
export interface ProviderSummary {
  name: string;
  family: string;
  baseUrl: string | null;
  source: ProviderSource;
  /** An API-configured provider every project may call (set by the instance owner). */
  shared: boolean;
  hasApiKey: boolean;
  headers: string[];
  timeouts: { requestMs: number; streamIdleMs: number } | null;
  createdAt: string | null;
  updatedAt: string | null;
}

const secretName = apiKeySecretName;

export class ProviderService {
  readonly #store: Store;
  readonly #feed: ChangeFeed;
  readonly #secrets: SecretService;
  readonly #registry: ProviderRegistry;
  readonly #projectId: string;
  readonly #unsubscribe: () => void;
  #reloading: Promise<void> = Promise.resolve();

  constructor(options: { store: Store; feed: ChangeFeed; secrets: SecretService; registry: ProviderRegistry; projectId: string }) {
    this.#store = options.store;
    this.#feed = options.feed;
    this.#secrets = options.secrets;
    this.#registry = options.registry;
    this.#projectId = options.projectId;
    this.#unsubscribe = this.#feed.subscribe(PROVIDERS_TOPIC, () => {
      this.#reloading = this.#reloading.then(() => this.load()).catch(() => undefined);
    });
  }

  /** Loads (again) every API-configured provider into the registry. */
  async load(): Promise<void> {
    const rows = await this.#store.db.selectFrom('gateway_providers').selectAll().execute();
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(`${row.project_id ?? ''}/${row.name}`);
      const existing = this.#registry.entry(row.name);
      if (existing && existing.source !== 'api') continue;
      const owner = row.project_id ?? this.#projectId;
      const apiKey = row.secret_name ? await this.#secrets.reveal(owner, row.secret_name).catch(() => undefined) : undefined;
      const stored = fromJsonColumn<ProviderConfigInput>(row.config_json, { name: row.name, family: 'openai', baseUrl: '' });
      const headers = await this.#openHeaders(owner, row.name, stored);
      const config = parseProviderConfig({ ...stored, headers, apiKey });
      this.#registry.set({ provider: instantiateProvider(config), source: 'api', config: withoutSecret(config), hasApiKey: apiKey !== undefined, projectId: row.project_id ?? undefined, shared: Number(row.shared) === 1 });
    }
    for (const { projectId, name } of this.#registry.apiProviders()) if (!seen.has(`${projectId}/${name}`)) this.#registry.delete(name, projectId);
  }

  /**
   * The header values of a provider, opened from their sealed secret. Rows written before headers
   * were sealed hold the values in the clear: they are sealed now and the row keeps only the mask.
   */
  async #openHeaders(projectId: string, name: string, stored: ProviderConfigInput): Promise<Record<string, string>> {
    if (hasClearHeaders(stored)) {
      const clear = stored.headers ?? {};
      await this.#secrets.put(systemActor(projectId), { name: headersSecretName(name), value: JSON.stringify(clear), projectId });
      await this.#store.db.updateTable('gateway_providers').set({ config_json: toJsonColumn({ ...stored, headers: maskHeaders(clear) }) ?? '{}' }).where('project_id', '=', projectId).where('name', '=', name).execute();
      return clear;
    }
    if (Object.keys(stored.headers ?? {}).length === 0) return {};
    const sealed = await this.#secrets.reveal(projectId, headersSecretName(name)).catch(() => undefined);
    return sealed ? (JSON.parse(sealed) as Record<string, string>) : {};
  }

  /** Settles once pending reloads are done (tests, CLI). */
  settled(): Promise<void> {
    return this.#reloading;
  }

  /** The providers the project may see: instance-wide, shared, and its own. */
  list(projectId: string): ProviderSummary[] {
    return this.#registry
      .listFor(projectId)
      .map(({ name, entry }) => summarise(name, entry, undefined))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** @throws PROVIDER_NOT_CONFIGURED for an unknown provider and for another project's (unshared) one alike. */
  async get(projectId: string, name: string): Promise<ProviderSummary> {
    const entry = this.#registry.entryFor(projectId, name);
    if (!entry) throw new StewardError({ code: 'PROVIDER_NOT_CONFIGURED', message: `provider ${name} is not configured` });
    const row = entry.source === 'api' ? await this.#store.db.selectFrom('gateway_providers').selectAll().where('project_id', '=', entry.projectId ?? '').where('name', '=', name).executeTakeFirst() : undefined;
    return summarise(name, entry, row);
  }

  /**
   * Creates or replaces an API-configured provider of the actor's project (the instance owner's are
   * those of its own project). Env and steward.yaml providers cannot be replaced here; `shared` is the
   * instance owner's to set, on its own providers.
   * Names are per project: another project's provider of the same name is neither seen nor touched.
   * @throws FORBIDDEN when a project admin asks to share.
   */
  async put(actor: Actor, input: ProviderConfigInput, options: { shared?: boolean } = {}): Promise<ProviderSummary> {
    if (options.shared !== undefined && !isInstanceOwner(actor)) {
      throw new StewardError({ code: 'FORBIDDEN', message: 'only the instance owner may share a provider with every project' });
    }
    const config = parseProviderConfig(input);
    const existing = this.#registry.entry(config.name);
    if (existing && existing.source !== 'api') {
      throw conflict(`provider ${config.name} comes from ${existing.source === 'env' ? 'the environment' : existing.source === 'config' ? 'steward.yaml' : 'the builtin model'}; change it there`);
    }
    instantiateProvider(config); // fails early for a family without adapter
    // The key is a secret of the provider's own project, never of another.
    if (config.apiKey) await this.#secrets.put(actor, { name: secretName(config.name), value: config.apiKey, projectId: actor.projectId });
    if (Object.keys(config.headers).length > 0) {
      await this.#secrets.put(actor, { name: headersSecretName(config.name), value: JSON.stringify(config.headers), projectId: actor.projectId });
    } else {
      await this.#secrets.remove(actor, actor.projectId, headersSecretName(config.name)).catch(() => undefined);
    }
    const now = Date.now();
    const stored = storedProviderConfig(config);
    try {
      await this.#store.transaction(async (tx) => {
        const before = await tx.selectFrom('gateway_providers').selectAll().where('project_id', '=', actor.projectId).where('name', '=', config.name).executeTakeFirst();
        const row: GatewayProvidersTable = {
          project_id: actor.projectId,
          shared: options.shared === undefined ? (before ? Number(before.shared) : 0) : options.shared ? 1 : 0,
          name: config.name,
          family: config.family,
          config_json: toJsonColumn(stored) ?? '{}',
          secret_name: config.apiKey ? secretName(config.name) : (before?.secret_name ?? null),
          created_at: before ? Number(before.created_at) : now,
          updated_at: now,
        };
        if (before) await tx.updateTable('gateway_providers').set(row).where('project_id', '=', actor.projectId).where('name', '=', config.name).execute();
        else await tx.insertInto('gateway_providers').values(row).execute();
        await recordAudit(tx, {
          actor,
          action: before ? 'providers.update' : 'providers.create',
          resourceType: 'provider',
          resourceId: config.name,
          before: before ? maskedStored(before.config_json) : undefined,
          after: { ...stored, apiKey: config.apiKey ? '********' : undefined },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`provider ${config.name} was created concurrently; retry`);
      throw error;
    }
    await this.load();
    await this.#feed.publish({ topic: PROVIDERS_TOPIC, id: config.name });
    return this.get(actor.projectId, config.name);
  }

  async remove(actor: Actor, name: string): Promise<void> {
    const entry = this.#registry.entry(name);
    if (entry && entry.source !== 'api') throw conflict(`provider ${name} comes from ${entry.source}; it cannot be deleted through the API`);
    const row = await this.#store.transaction(async (tx) => {
      // Another project's provider is not found, as if it did not exist.
      const before = await tx.selectFrom('gateway_providers').selectAll().where('project_id', '=', actor.projectId).where('name', '=', name).executeTakeFirst();
      if (!before) throw notFound(`provider ${name}`);
      await tx.deleteFrom('gateway_providers').where('project_id', '=', actor.projectId).where('name', '=', name).execute();
      await recordAudit(tx, { actor, action: 'providers.delete', resourceType: 'provider', resourceId: name, before: maskedStored(before.config_json) });
      return before;
    });
    if (row.secret_name) await this.#secrets.remove(actor, actor.projectId, row.secret_name).catch(() => undefined);
    await this.#secrets.remove(actor, actor.projectId, headersSecretName(name)).catch(() => undefined);
    await this.load();
    await this.#feed.publish({ topic: PROVIDERS_TOPIC, id: name });
  }

  close(): void {
    this.#unsubscribe();
  }
}

/** A stored configuration for an audit summary: header values masked even in rows from before sealing. */
function maskedStored(configJson: string): unknown {
  const stored = fromJsonColumn<{ headers?: Record<string, string> } | null>(configJson, null);
  return stored ? { ...stored, headers: maskHeaders(stored.headers) } : null;
}

function summarise(name: string, entry: RegisteredProvider, row: GatewayProvidersTable | undefined): ProviderSummary {
  const { config, source } = entry;
  return {
    name,
    family: config?.family ?? 'builtin',
    baseUrl: config?.baseUrl ?? null,
    source,
    shared: entry.shared === true,
    hasApiKey: entry.hasApiKey,
    headers: Object.keys(config?.headers ?? {}),
    timeouts: config?.timeouts ?? null,
    createdAt: row ? new Date(Number(row.created_at)).toISOString() : null,
    updatedAt: row ? new Date(Number(row.updated_at)).toISOString() : null,
  };
}
