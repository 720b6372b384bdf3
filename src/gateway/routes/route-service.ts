// Routes and their revisions: every create, update and delete appends a revision (the latest is the
// current config) and an audit record in one transaction. Reads come from an in-memory cache that the
// change feed (topic `routes`) refreshes on every replica, never from the store per request.
import { assertNoRouteCycle } from '../../deployments/route-graph.js';
import { StewardError, notFound } from '../../errors/index.js';
import { type Actor, recordAudit } from '../../governance/index.js';
import type { ChangeFeed, RouteRevisionsTable, Store, Tx } from '../../store/index.js';
import { fromJsonColumn, isUniqueViolation, newId, toJsonColumn } from '../../store/index.js';
import { type RouteConfig, type RouteConfigInput, RouteConfigSchema } from './route-config.js';

export const ROUTES_TOPIC = 'routes';

/** One stored version of a route; `config` is null for a deletion. */
export interface RouteRevision {
  name: string;
  revision: number;
  config: RouteConfig | null;
  actor: { id: string | null; name: string };
  reason: string | null;
  createdAt: string;
}

/** A live route: its current config and revision. */
export interface Route {
  name: string;
  revision: number;
  config: RouteConfig;
  updatedAt: string;
}

function toRevision(row: RouteRevisionsTable): RouteRevision {
  return {
    name: row.route_name,
    revision: Number(row.revision),
    config: row.config_json === null ? null : RouteConfigSchema.parse(fromJsonColumn(row.config_json, {})),
    actor: { id: row.actor_id, name: row.actor_name },
    reason: row.reason,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

export class RouteService {
  readonly #store: Store;
  readonly #feed: ChangeFeed;
  readonly #routes = new Map<string, Route>();
  readonly #unsubscribe: () => void;
  #refreshing: Promise<void> = Promise.resolve();

  constructor(options: { store: Store; feed: ChangeFeed }) {
    this.#store = options.store;
    this.#feed = options.feed;
    this.#unsubscribe = this.#feed.subscribe(ROUTES_TOPIC, (event) => {
      this.#refreshing = this.#refreshing.then(() => (event.id ? this.#refreshOne(event.id) : this.load())).catch(() => undefined);
    });
  }

  /** Loads every live route into the cache (at start, and when told everything changed). */
  async load(): Promise<void> {
    const rows = await this.#store.db
      .selectFrom('route_revisions as r')
      .selectAll('r')
      .where(({ eb, selectFrom }) =>
        eb('r.revision', '=', selectFrom('route_revisions as l').select((e) => e.fn.max('l.revision').as('m')).whereRef('l.route_name', '=', 'r.route_name')),
      )
      .execute();
    this.#routes.clear();
    for (const row of rows) this.#cache(toRevision(row));
  }

  /** Settles once pending cache refreshes are done. */
  settled(): Promise<void> {
    return this.#refreshing;
  }

  /** The live route of that name from the cache, or undefined. Synchronous: the gateway's hot path. */
  get(name: string): Route | undefined {
    return this.#routes.get(name);
  }

  /** Every live route, by name. */
  list(): Route[] {
    return [...this.#routes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Creates a route or updates it by appending a revision; returns the new current route.
   * @throws StewardError VALIDATION_FAILED for an invalid config; CONFLICT when a concurrent write won.
   */
  async put(actor: Actor, input: RouteConfigInput | RouteConfig | Record<string, unknown>, reason?: string): Promise<Route> {
    const parsed = RouteConfigSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StewardError({
        code: 'VALIDATION_FAILED',
        message: `route ${issue.path.join('.') || 'config'}: ${issue.message}`,
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const config = parsed.data;
    // A route may target another route by name; refuse a write that would close a cycle.
    assertNoRouteCycle(config, (name) => this.#routes.get(name)?.config);
    const revision = await this.#append(actor, config.name, config, reason ?? null);
    return { name: config.name, revision: revision.revision, config, updatedAt: revision.createdAt };
  }

  /** Deletes a route (a tombstone revision keeps its history). @throws NOT_FOUND when there is no live route. */
  async delete(actor: Actor, name: string, reason?: string): Promise<void> {
    await this.#append(actor, name, null, reason ?? null);
  }

  /** Every revision of a route, newest first (deleted routes keep theirs). */
  async revisions(name: string): Promise<RouteRevision[]> {
    const rows = await this.#store.db.selectFrom('route_revisions').selectAll().where('route_name', '=', name).orderBy('revision', 'desc').execute();
    if (rows.length === 0) throw notFound(`route ${name}`);
    return rows.map(toRevision);
  }

  /** One revision of a route. @throws NOT_FOUND */
  async revision(name: string, revision: number): Promise<RouteRevision> {
    const row = await this.#store.db
      .selectFrom('route_revisions')
      .selectAll()
      .where('route_name', '=', name)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (!row) throw notFound(`revision ${revision} of route ${name}`);
    return toRevision(row);
  }

  close(): void {
    this.#unsubscribe();
  }

  async #append(actor: Actor, name: string, config: RouteConfig | null, reason: string | null): Promise<RouteRevision> {
    let revision: RouteRevision;
    try {
      revision = await this.#store.transaction(async (tx) => {
        const latest = await latestRow(tx, name);
        const before = latest?.config_json ? fromJsonColumn<unknown>(latest.config_json, null) : null;
        if (config === null && before === null) throw notFound(`route ${name}`);
        const row: RouteRevisionsTable = {
          id: newId('rrev'),
          route_name: name,
          revision: (latest ? Number(latest.revision) : 0) + 1,
          config_json: toJsonColumn(config),
          actor_id: actor.id,
          actor_name: actor.name,
          reason,
          created_at: Date.now(),
        };
        await tx.insertInto('route_revisions').values(row).execute();
        const action = config === null ? 'routes.delete' : before === null ? 'routes.create' : 'routes.update';
        await recordAudit(tx, { actor, action, resourceType: 'route', resourceId: name, before, after: config === null ? null : { revision: row.revision, config, reason } });
        return toRevision(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'CONFLICT', message: `route ${name} was changed concurrently; retry` });
      throw error;
    }
    this.#cache(revision);
    await this.#feed.publish({ topic: ROUTES_TOPIC, id: name });
    return revision;
  }

  async #refreshOne(name: string): Promise<void> {
    const row = await latestRow(this.#store.db, name);
    if (row) this.#cache(toRevision(row));
    else this.#routes.delete(name);
  }

  #cache(revision: RouteRevision): void {
    const current = this.#routes.get(revision.name);
    if (current && current.revision > revision.revision) return;
    if (revision.config === null) this.#routes.delete(revision.name);
    else this.#routes.set(revision.name, { name: revision.name, revision: revision.revision, config: revision.config, updatedAt: revision.createdAt });
  }
}

async function latestRow(db: Store['db'] | Tx, name: string): Promise<RouteRevisionsTable | undefined> {
  return db.selectFrom('route_revisions').selectAll().where('route_name', '=', name).orderBy('revision', 'desc').limit(1).executeTakeFirst();
}
