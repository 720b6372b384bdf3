// Resolves what a client calls — `name-002`, `name@alias`, or bare `name` (its production alias) —
// to the provider model a registry version pins, with its deprecation dates. Answers are cached
// and dropped through the change feed when a model changes on any replica. Names resolve inside the
// caller's project: another project's model is unknown, as if it did not exist.
import type { ModelResolver, ResolvedModel } from '../gateway/index.js';
import type { ChangeFeed, Db } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import { isDiscontinued, iso } from './registry-records.js';
import { parseModelReference } from './registry-names.js';
import { REGISTRY_TOPIC } from './registry-service.js';
import type { VersionSpec } from './version-spec.js';

/** What the registry resolves a name to: the gateway's ResolvedModel. */
export type RegistryResolution = ResolvedModel;

/** Cache keys are `projectId` NUL `name`. */
const KEY_SEPARATOR = '\u0000';

interface CacheEntry {
  value: RegistryResolution | null;
  expires: number;
}

/** Implements the gateway's ModelResolver over the registry. */
export class RegistryModelResolver implements ModelResolver {
  readonly #db: Db;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #unsubscribe: () => void;

  /** `ttlMs` bounds staleness if a change notification is lost (and lets sunset dates take effect). */
  constructor(options: { db: Db; feed: ChangeFeed; ttlMs?: number }) {
    this.#db = options.db;
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#unsubscribe = options.feed.subscribe(REGISTRY_TOPIC, (event) => {
      if (!event.id) return this.#cache.clear();
      for (const key of this.#cache.keys()) if (parseModelReference(key.slice(key.indexOf(KEY_SEPARATOR) + 1)).model === event.id) this.#cache.delete(key);
    });
  }

  async resolve(projectId: string, name: string): Promise<RegistryResolution | null> {
    const now = Date.now();
    const key = `${projectId}${KEY_SEPARATOR}${name}`;
    const cached = this.#cache.get(key);
    if (cached && cached.expires > now) return withLiveDeprecation(cached.value, now);
    const value = await this.#lookup(projectId, name);
    this.#cache.set(key, { value, expires: now + this.#ttlMs });
    return withLiveDeprecation(value, now);
  }

  /** Every version name and alias reference of the project, for GET /v1/models. */
  async listNames(projectId: string): Promise<string[]> {
    const versions = await this.#db
      .selectFrom('model_versions')
      .innerJoin('models', 'models.id', 'model_versions.model_id')
      .select('model_versions.name')
      .where('models.project_id', '=', projectId)
      .where('model_versions.status', '!=', 'retired')
      .orderBy('model_versions.name')
      .execute();
    const aliases = await this.#db
      .selectFrom('model_aliases')
      .innerJoin('models', 'models.id', 'model_aliases.model_id')
      .select(['models.name', 'model_aliases.alias'])
      .where('models.project_id', '=', projectId)
      .orderBy('models.name')
      .execute();
    return [...versions.map((v) => v.name), ...aliases.map((a) => `${a.name}@${a.alias}`)];
  }

  close(): void {
    this.#unsubscribe();
  }

  async #lookup(projectId: string, name: string): Promise<RegistryResolution | null> {
    const ref = parseModelReference(name);
    const model = await this.#db.selectFrom('models').select(['id']).where('project_id', '=', projectId).where('name', '=', ref.model).executeTakeFirst();
    if (!model) return null;
    let q = this.#db.selectFrom('model_versions as v').selectAll('v').where('v.model_id', '=', model.id);
    if (ref.kind === 'version') q = q.where('v.seq', '=', ref.seq);
    else {
      const alias = ref.kind === 'alias' ? ref.alias : 'production';
      q = q.innerJoin('model_aliases as a', 'a.version_id', 'v.id').where('a.alias', '=', alias);
    }
    const row = await q.executeTakeFirst();
    if (!row) return null;
    const spec = fromJsonColumn<VersionSpec>(row.spec_json, { provider: 'unknown', model: 'unknown' });
    const resolution: RegistryResolution = {
      provider: spec.provider,
      model: 'artifact' in spec ? spec.artifact.path : spec.model,
      versionId: row.id,
      versionName: row.name,
    };
    if (spec.params && Object.keys(spec.params).length > 0) resolution.params = spec.params;
    if (row.deprecated_at !== null || row.sunset_at !== null || row.status === 'retired' || row.status === 'deprecated') {
      resolution.deprecation = {
        deprecatedAt: iso(row.deprecated_at) ?? undefined,
        sunsetAt: iso(row.sunset_at) ?? undefined,
        replacement: row.replacement ?? undefined,
        discontinued: isDiscontinued(row),
      };
    }
    return resolution;
  }
}

/** A cached answer whose sunset passed since it was cached is discontinued now. */
function withLiveDeprecation(value: RegistryResolution | null, now: number): RegistryResolution | null {
  const sunset = value?.deprecation?.sunsetAt;
  if (!value || !sunset || value.deprecation?.discontinued || Date.parse(sunset) > now) return value;
  return { ...value, deprecation: { ...value.deprecation, discontinued: true } };
}
