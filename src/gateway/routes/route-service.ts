// Routes and their revisions: every create, update and delete appends a revision (the latest is the
// current config) and an audit record in one transaction. Reads come from an in-memory cache that the
// change feed (topic `routes`) refreshes on every replica, never from the store per request.
// Route names belong to a project: two projects may each have a `chat`, and every read names its project.
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
  projectId: string;
  name: string;
  revision: number;
  config: RouteConfig;
  updatedAt: string;
}

interface StoredRevision extends RouteRevision {
  projectId: string;
}

/** Change-feed ids carry the project: `projectId/name` (project ids hold no slash). */
export const routeChangeId = (projectId: string, name: string) => `${projectId}/${name}`;
const feedId = routeChangeId;

function toRevision(row: RouteRevisionsTable): StoredRevision {
  return {
    projectId: row.project_id ?? '',
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
  /** Live routes by project id, then by name. */
  readonly #routes = new Map<string, Map<string, Route>>();
  readonly #unsubscribe: () => void;
  #refreshing: Promise<void> = Promise.resolve();
  #checkReferences: ((projectId: string, config: RouteConfig) => Promise<void>) | undefined;

  constructor(options: { store: Store; feed: ChangeFeed }) {
    this.#store = options.store;
    this.#feed = options.feed;
    this.#unsubscribe = this.#feed.subscribe(ROUTES_TOPIC, (event) => {
      this.#refreshing = this.#refreshing.then(() => (event.id ? this.#refreshOne(event.id) : this.load())).catch(() => undefined);
    });
  }

  /** Wires the write-time check of targets and prompts (src/references), once the resolvers exist. */
  checkReferencesWith(check: (projectId: string, config: RouteConfig) => Promise<void>): void {
    this.#checkReferences = check;
  }

  /** Loads every live route into the cache (at start, and when told everything changed). */
  async load(): Promise<void> {
    const rows = await this.#store.db
      .selectFrom('route_revisions as r')
      .selectAll('r')
      .where(({ eb, selectFrom }) =>
        eb('r.revision', '=', selectFrom('route_revisions as l').select((e) => e.fn.max('l.revision').as('m')).whereRef('l.route_name', '=', 'r.route_name').whereRef('l.project_id', '=', 'r.project_id')),
      )
      .execute();
    this.#routes.clear();
    for (const row of rows) this.#cache(toRevision(row));
  }

  /** Settles once pending cache refreshes are done. */
  settled(): Promise<void> {
    return this.#refreshing;
  }

  /** The project's live route of that name from the cache, or undefined. Synchronous: the gateway's hot path. */
  get(projectId: string, name: string): Route | undefined {
    return this.#routes.get(projectId)?.get(name);
  }

  /** Every live route of the project, by name. */
  list(projectId: string): Route[] {
    return [...(this.#routes.get(projectId)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
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
    assertNoRouteCycle(config, (name) => this.get(actor.projectId, name)?.config);
    await this.#checkReferences?.(actor.projectId, config);
    const revision = await this.#append(actor, config.name, config, reason ?? null);
    return { projectId: actor.projectId, name: config.name, revision: revision.revision, config, updatedAt: revision.createdAt };
  }

  /** Deletes a route (a tombstone revision keeps its history). @throws NOT_FOUND when there is no live route. */
  async delete(actor: Actor, name: string, reason?: string): Promise<void> {
    await this.#append(actor, name, null, reason ?? null);
  }

  /** Every revision of a route of the project, newest first (deleted routes keep theirs). */
  async revisions(projectId: string, name: string): Promise<RouteRevision[]> {
    const rows = await this.#store.db.selectFrom('route_revisions').selectAll().where('project_id', '=', projectId).where('route_name', '=', name).orderBy('revision', 'desc').execute();
    if (rows.length === 0) throw notFound(`route ${name}`);
    return rows.map((row) => publicRevision(toRevision(row)));
  }

  /** One revision of a route of the project. @throws NOT_FOUND */
  async revision(projectId: string, name: string, revision: number): Promise<RouteRevision> {
    const row = await this.#store.db
      .selectFrom('route_revisions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('route_name', '=', name)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (!row) throw notFound(`revision ${revision} of route ${name}`);
    return publicRevision(toRevision(row));
  }

  close(): void {
    this.#unsubscribe();
  }

  async #append(actor: Actor, name: string, config: RouteConfig | null, reason: string | null): Promise<RouteRevision> {
    let revision: StoredRevision;
    try {
      revision = await this.#store.transaction(async (tx) => {
        const latest = await latestRow(tx, actor.projectId, name);
        const before = latest?.config_json ? fromJsonColumn<unknown>(latest.config_json, null) : null;
        if (config === null && before === null) throw notFound(`route ${name}`);
        const row: RouteRevisionsTable = {
          id: newId('rrev'),
          project_id: actor.projectId,
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
    await this.#feed.publish({ topic: ROUTES_TOPIC, id: feedId(actor.projectId, name) });
    return publicRevision(revision);
  }

  async #refreshOne(id: string): Promise<void> {
    const slash = id.indexOf('/');
    // An id without a project (an older replica's) refreshes everything.
    if (slash < 0) return this.load();
    const projectId = id.slice(0, slash);
    const name = id.slice(slash + 1);
    const row = await latestRow(this.#store.db, projectId, name);
    if (row) this.#cache(toRevision(row));
    else this.#routes.get(projectId)?.delete(name);
  }

  #cache(revision: StoredRevision): void {
    let routes = this.#routes.get(revision.projectId);
    if (!routes) {
      routes = new Map();
      this.#routes.set(revision.projectId, routes);
    }
    const current = routes.get(revision.name);
    if (current && current.revision > revision.revision) return;
    if (revision.config === null) routes.delete(revision.name);
    else routes.set(revision.name, { projectId: revision.projectId, name: revision.name, revision: revision.revision, config: revision.config, updatedAt: revision.createdAt });
  }
}

function publicRevision({ projectId: _projectId, ...revision }: StoredRevision): RouteRevision {
  return revision;
}

async function latestRow(db: Store['db'] | Tx, projectId: string, name: string): Promise<RouteRevisionsTable | undefined> {
  return db.selectFrom('route_revisions').selectAll().where('project_id', '=', projectId).where('route_name', '=', name).orderBy('revision', 'desc').limit(1).executeTakeFirst();
}
