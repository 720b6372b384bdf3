// Projects are the tenants: every object belongs to one. A default project always exists. The
// owner creates and deletes projects; everyone else sees only their own. Deleting is a soft delete:
// the project's keys stop at once and its data is purged once the grace period has passed.
import { type Db, isUniqueViolation, newId } from '../../store/index.js';
import { StewardError, conflict, notFound } from '../../errors/index.js';
import { type Actor, isInstanceOwner, systemActor } from '../actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Store } from '../../store/index.js';
import { purgeProjectData } from './project-purge.js';

export const DEFAULT_PROJECT = 'default';

export interface Project {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  /** Set once deleted (only the owner sees deleted projects). */
  deletedAt: string | null;
  /** When the retention job removes its data. */
  purgeAfter: string | null;
}

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  created_at: number;
  deleted_at: number | null;
  purge_after: number | null;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    deletedAt: iso(row.deleted_at),
    purgeAfter: iso(row.purge_after),
  };
}

export interface ProjectServiceOptions {
  /** Days a deleted project's data is kept before the retention job purges it. */
  deleteGraceDays?: number;
  now?: () => number;
  /** Told when a project is deleted or restored, so cached key lookups are dropped everywhere. */
  onKeysChanged?: () => Promise<void>;
}

export class ProjectService {
  readonly #store: Store;
  readonly #graceMs: number;
  readonly #now: () => number;
  #onKeysChanged: () => Promise<void>;

  constructor(store: Store, options: ProjectServiceOptions = {}) {
    this.#store = store;
    this.#graceMs = (options.deleteGraceDays ?? 7) * 86_400_000;
    this.#now = options.now ?? Date.now;
    this.#onKeysChanged = options.onKeysChanged ?? (async () => {});
  }

  /** Later wiring: the key service is built after the project service. */
  setKeysChangedListener(listener: () => Promise<void>): void {
    this.#onKeysChanged = listener;
  }

  /** Returns the default project, creating it on first start. */
  async ensureDefault(): Promise<Project> {
    const existing = await this.#findByName(this.#store.db, DEFAULT_PROJECT);
    if (existing) return existing;
    try {
      return await this.#store.transaction(async (tx) => {
        const row: ProjectRow = { id: newId('proj'), name: DEFAULT_PROJECT, description: 'Default project', created_at: this.#now(), deleted_at: null, purge_after: null };
        await tx.insertInto('projects').values(row).execute();
        await recordAudit(tx, { actor: systemActor(row.id), action: 'projects.create', resourceType: 'project', resourceId: row.id, after: { name: row.name } });
        return toProject(row);
      });
    } catch (error) {
      // Another replica created it first.
      if (!isUniqueViolation(error)) throw error;
      const created = await this.#findByName(this.#store.db, DEFAULT_PROJECT);
      if (!created) throw error;
      return created;
    }
  }

  /** The projects `actor` may see: all of them for the owner, its own for everyone else. */
  async list(actor: Actor, options: { includeDeleted?: boolean } = {}): Promise<Project[]> {
    let q = this.#store.db.selectFrom('projects').selectAll().orderBy('created_at');
    if (!isInstanceOwner(actor)) q = q.where('id', '=', actor.projectId);
    if (!(options.includeDeleted && isInstanceOwner(actor))) q = q.where('deleted_at', 'is', null);
    return (await q.execute()).map(toProject);
  }

  /** A project by id or name; another project, or a deleted one, is 404 for all but the owner. */
  async get(actor: Actor, idOrName: string): Promise<Project> {
    let q = this.#store.db
      .selectFrom('projects')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .where('deleted_at', 'is', null);
    if (!isInstanceOwner(actor)) q = q.where('id', '=', actor.projectId);
    const row = await q.executeTakeFirst();
    if (!row) throw notFound(`project ${idOrName}`);
    return toProject(row);
  }

  async create(actor: Actor, input: { name: string; description?: string }): Promise<Project> {
    this.#requireOwner(actor);
    try {
      return await this.#store.transaction(async (tx) => {
        const row: ProjectRow = { id: newId('proj'), name: input.name, description: input.description ?? '', created_at: this.#now(), deleted_at: null, purge_after: null };
        await tx.insertInto('projects').values(row).execute();
        await recordAudit(tx, { actor, projectId: row.id, action: 'projects.create', resourceType: 'project', resourceId: row.id, after: { name: row.name } });
        return toProject(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`a project named ${input.name} already exists`);
      throw error;
    }
  }

  /**
   * Soft-deletes a project: its keys stop working at once, its data stays for the grace period
   * (and can be restored until then), then the retention job purges it.
   */
  async delete(actor: Actor, idOrName: string): Promise<Project> {
    this.#requireOwner(actor);
    const project = await this.get(actor, idOrName);
    if (project.name === DEFAULT_PROJECT) throw conflict('the default project cannot be deleted');
    if (project.id === actor.projectId) throw conflict('a key cannot delete its own project');
    const now = this.#now();
    const row = await this.#store.transaction(async (tx) => {
      const purgeAfter = now + this.#graceMs;
      await tx.updateTable('projects').set({ deleted_at: now, purge_after: purgeAfter }).where('id', '=', project.id).execute();
      await recordAudit(tx, {
        actor,
        projectId: project.id,
        action: 'projects.delete',
        resourceType: 'project',
        resourceId: project.id,
        before: { name: project.name },
        after: { name: project.name, deletedAt: iso(now), purgeAfter: iso(purgeAfter) },
      });
      return tx.selectFrom('projects').selectAll().where('id', '=', project.id).executeTakeFirstOrThrow();
    });
    await this.#onKeysChanged();
    return toProject(row);
  }

  /** Undoes a delete during the grace period. */
  async restore(actor: Actor, idOrName: string): Promise<Project> {
    this.#requireOwner(actor);
    const row = await this.#store.transaction(async (tx) => {
      const found = await tx
        .selectFrom('projects')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
        .where('deleted_at', 'is not', null)
        .executeTakeFirst();
      if (!found) throw notFound(`deleted project ${idOrName}`);
      await tx.updateTable('projects').set({ deleted_at: null, purge_after: null }).where('id', '=', found.id).execute();
      await recordAudit(tx, { actor, projectId: found.id, action: 'projects.restore', resourceType: 'project', resourceId: found.id, after: { name: found.name } });
      return { ...found, deleted_at: null, purge_after: null };
    });
    await this.#onKeysChanged();
    return toProject(row);
  }

  /** Removes the data of every project whose grace period ended by `now`; the retention job calls it. */
  async purgeExpired(now = this.#now()): Promise<{ projects: number; rows: number }> {
    const due = await this.#store.db.selectFrom('projects').selectAll().where('deleted_at', 'is not', null).where('purge_after', '<=', now).execute();
    let rows = 0;
    let purged = 0;
    for (const project of due) {
      rows += await this.#store.transaction(async (tx) => {
        // Another replica's retention job may purge the same project at the same time: the row
        // lock (PostgreSQL; SQLite transactions are serial) lets one of them do it, once.
        let still = tx.selectFrom('projects').select('id').where('id', '=', project.id).where('deleted_at', 'is not', null).where('purge_after', '<=', now);
        if (this.#store.engine === 'postgres') still = still.forUpdate();
        if (!(await still.executeTakeFirst())) return 0;
        purged++;
        const removed = await purgeProjectData(tx, project.id, await this.#store.tableColumns(tx));
        await tx.deleteFrom('projects').where('id', '=', project.id).execute().catch((error: unknown) => {
          throw new Error(`purging project ${project.id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        });
        await recordAudit(tx, {
          actor: systemActor(project.id),
          action: 'projects.purge',
          resourceType: 'project',
          resourceId: project.id,
          before: { name: project.name },
          after: { rows: removed },
        });
        return removed;
      });
    }
    return { projects: purged, rows };
  }

  #requireOwner(actor: Actor): void {
    if (!isInstanceOwner(actor)) throw new StewardError({ code: 'FORBIDDEN', message: 'only the instance owner manages projects', details: { role: actor.role } });
  }

  async #findByName(db: Db, name: string): Promise<Project | undefined> {
    const row = await db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toProject(row) : undefined;
  }
}
