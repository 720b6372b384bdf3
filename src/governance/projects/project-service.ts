// Projects group keys, secrets and everything else; a default project always exists.
import { type Db, isUniqueViolation, newId } from '../../store/index.js';
import { conflict, notFound } from '../../errors/index.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Store } from '../../store/index.js';

export const DEFAULT_PROJECT = 'default';

export interface Project {
  id: string;
  name: string;
  description: string;
  createdAt: string;
}

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  created_at: number;
}

function toProject(row: ProjectRow): Project {
  return { id: row.id, name: row.name, description: row.description, createdAt: new Date(row.created_at).toISOString() };
}

export class ProjectService {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Returns the default project, creating it on first start. */
  async ensureDefault(): Promise<Project> {
    const existing = await this.#findByName(this.#store.db, DEFAULT_PROJECT);
    if (existing) return existing;
    try {
      return await this.#store.transaction(async (tx) => {
        const row = { id: newId('proj'), name: DEFAULT_PROJECT, description: 'Default project', created_at: Date.now() };
        await tx.insertInto('projects').values(row).execute();
        await recordAudit(tx, {
          actor: { id: null, name: 'system', role: 'admin', projectId: row.id },
          action: 'projects.create',
          resourceType: 'project',
          resourceId: row.id,
          after: { name: row.name },
        });
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

  async list(): Promise<Project[]> {
    const rows = await this.#store.db.selectFrom('projects').selectAll().orderBy('created_at').execute();
    return rows.map(toProject);
  }

  async get(idOrName: string): Promise<Project> {
    const row = await this.#store.db
      .selectFrom('projects')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .executeTakeFirst();
    if (!row) throw notFound(`project ${idOrName}`);
    return toProject(row);
  }

  async create(actor: Actor, input: { name: string; description?: string }): Promise<Project> {
    try {
      return await this.#store.transaction(async (tx) => {
        const row = { id: newId('proj'), name: input.name, description: input.description ?? '', created_at: Date.now() };
        await tx.insertInto('projects').values(row).execute();
        await recordAudit(tx, { actor, action: 'projects.create', resourceType: 'project', resourceId: row.id, after: { name: row.name } });
        return toProject(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`a project named ${input.name} already exists`);
      throw error;
    }
  }

  async #findByName(db: Db, name: string): Promise<Project | undefined> {
    const row = await db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toProject(row) : undefined;
  }
}
