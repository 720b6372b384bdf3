// Limits of API keys: a default for every key (settings) and per-key overrides stored in the store,
// cached in memory and refreshed on every replica through the change feed. A project admin reads and
// sets the limits of its own project's keys only.
import { type Actor, isInstanceOwner, recordAudit } from '../../governance/index.js';
import { notFound } from '../../errors/index.js';
import type { ChangeFeed, Db, Store, Tx } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import { type RouteLimits, RouteLimitsSchema } from '../routes/route-config.js';

export const KEY_LIMITS_TOPIC = 'key-limits';

export class KeyLimits {
  readonly #store: Store;
  readonly #feed: ChangeFeed;
  readonly #defaults: RouteLimits;
  #overrides = new Map<string, RouteLimits>();
  readonly #unsubscribe: () => void;

  constructor(options: { store: Store; feed: ChangeFeed; defaults: RouteLimits }) {
    this.#store = options.store;
    this.#feed = options.feed;
    this.#defaults = options.defaults;
    this.#unsubscribe = this.#feed.subscribe(KEY_LIMITS_TOPIC, () => void this.load().catch(() => undefined));
  }

  async load(): Promise<void> {
    const rows = await this.#store.db.selectFrom('key_limits').selectAll().execute();
    this.#overrides = new Map(rows.map((row) => [row.key_id, RouteLimitsSchema.parse(fromJsonColumn(row.config_json, {}))]));
  }

  /** The limits that apply to a key (its override, else the default). */
  for(keyId: string): RouteLimits {
    return this.#overrides.get(keyId) ?? this.#defaults;
  }

  /** The override of a key, if any. */
  override(keyId: string): RouteLimits | undefined {
    return this.#overrides.get(keyId);
  }

  /** The limits of a key of the actor's project (any key for the instance owner). @throws NOT_FOUND for another project's key. */
  async ofKey(actor: Actor, keyId: string): Promise<{ limits: RouteLimits; override: boolean }> {
    await requireKey(this.#store.db, actor, keyId);
    return { limits: this.for(keyId), override: this.#overrides.has(keyId) };
  }

  async put(actor: Actor, keyId: string, input: unknown): Promise<RouteLimits> {
    const limits = RouteLimitsSchema.parse(input);
    await this.#store.transaction(async (tx) => {
      await requireKey(tx, actor, keyId);
      const before = await tx.selectFrom('key_limits').selectAll().where('key_id', '=', keyId).executeTakeFirst();
      const row = { key_id: keyId, config_json: JSON.stringify(limits), updated_at: Date.now() };
      if (before) await tx.updateTable('key_limits').set(row).where('key_id', '=', keyId).execute();
      else await tx.insertInto('key_limits').values(row).execute();
      await recordAudit(tx, { actor, action: 'limits.key.set', resourceType: 'api_key', resourceId: keyId, before: before ? fromJsonColumn(before.config_json, null) : undefined, after: limits });
    });
    this.#overrides.set(keyId, limits);
    await this.#feed.publish({ topic: KEY_LIMITS_TOPIC, id: keyId });
    return limits;
  }

  async remove(actor: Actor, keyId: string): Promise<void> {
    await this.#store.transaction(async (tx) => {
      await requireKey(tx, actor, keyId);
      const before = await tx.selectFrom('key_limits').selectAll().where('key_id', '=', keyId).executeTakeFirst();
      if (!before) throw notFound(`limits of API key ${keyId}`);
      await tx.deleteFrom('key_limits').where('key_id', '=', keyId).execute();
      await recordAudit(tx, { actor, action: 'limits.key.delete', resourceType: 'api_key', resourceId: keyId, before: fromJsonColumn(before.config_json, null) });
    });
    this.#overrides.delete(keyId);
    await this.#feed.publish({ topic: KEY_LIMITS_TOPIC, id: keyId });
  }

  close(): void {
    this.#unsubscribe();
  }
}

/** Another project's key is NOT_FOUND like an unknown one: a 403 would confirm it exists. */
async function requireKey(db: Db | Tx, actor: Actor, keyId: string): Promise<void> {
  let q = db.selectFrom('api_keys').select('id').where('id', '=', keyId);
  if (!isInstanceOwner(actor)) q = q.where('project_id', '=', actor.projectId);
  if (!(await q.executeTakeFirst())) throw notFound(`API key ${keyId}`);
}
