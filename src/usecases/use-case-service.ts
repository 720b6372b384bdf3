// Use cases per project: create, read, replace, delete, and the transactional write `steward apply`
// uses. Every read names the project: another project's use case is USE_CASE_NOT_FOUND.
import { StewardError } from '../errors/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { Db, Store, Tx } from '../store/index.js';
import { isUniqueViolation } from '../store/index.js';
import { type UseCaseRecord, definitionOf, toUseCaseRecord } from './use-case-records.js';
import { type UseCase, type UseCaseInput, UseCaseSchema } from './use-case-schema.js';

export class UseCaseService {
  readonly #store: Store;
  readonly #now: () => number;

  constructor(options: { store: Store; now?: () => number }) {
    this.#store = options.store;
    this.#now = options.now ?? Date.now;
  }

  get store(): Store {
    return this.#store;
  }

  /** The server's clock (injected in tests), which a status window ends at. */
  now(): number {
    return this.#now();
  }

  async list(projectId: string): Promise<UseCaseRecord[]> {
    const rows = await this.#store.db.selectFrom('use_cases').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    return rows.map(toUseCaseRecord);
  }

  /** The declared fields of every use case of the project, by name (what `export` writes). */
  async declared(projectId: string): Promise<UseCase[]> {
    return (await this.list(projectId)).map(definitionOf);
  }

  async get(projectId: string, name: string, db: Db = this.#store.db): Promise<UseCaseRecord> {
    const row = await db.selectFrom('use_cases').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    if (!row) throw new StewardError({ code: 'USE_CASE_NOT_FOUND', message: `use case ${name} not found`, details: { useCase: name } });
    return toUseCaseRecord(row);
  }

  async create(actor: Actor, input: UseCaseInput): Promise<UseCaseRecord> {
    const useCase = parseUseCase(input);
    try {
      await this.#store.transaction(async (tx) => {
        const now = this.#now();
        await tx.insertInto('use_cases').values({ project_id: actor.projectId, name: useCase.name, definition_json: JSON.stringify(definitionOf(useCase)), created_by: actor.id, created_at: now, updated_at: now }).execute();
        await recordAudit(tx, { actor, action: 'use_cases.create', resourceType: 'use_case', resourceId: useCase.name, after: definitionOf(useCase) });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'USE_CASE_EXISTS', message: `use case ${useCase.name} already exists`, details: { useCase: useCase.name } });
      throw error;
    }
    return this.get(actor.projectId, useCase.name);
  }

  /** Replaces the use case `name` (which the body must keep). */
  async replace(actor: Actor, name: string, input: UseCaseInput): Promise<UseCaseRecord> {
    const useCase = parseUseCase(input);
    if (useCase.name !== name) throw new StewardError({ code: 'VALIDATION_FAILED', message: `the body names ${useCase.name}, the path ${name}; a use case keeps its name` });
    await this.#store.transaction(async (tx) => {
      const before = await this.get(actor.projectId, name, tx);
      await this.#write(tx, actor, useCase, definitionOf(before));
    });
    return this.get(actor.projectId, name);
  }

  async delete(actor: Actor, name: string): Promise<void> {
    await this.#store.transaction(async (tx) => {
      const before = await this.get(actor.projectId, name, tx);
      await tx.deleteFrom('use_cases').where('project_id', '=', actor.projectId).where('name', '=', name).execute();
      await recordAudit(tx, { actor, action: 'use_cases.delete', resourceType: 'use_case', resourceId: name, before: definitionOf(before) });
    });
  }

  /** Creates or replaces a use case inside the caller's transaction (`steward apply`). */
  async putIn(tx: Tx, actor: Actor, input: UseCaseInput): Promise<void> {
    const useCase = parseUseCase(input);
    const row = await tx.selectFrom('use_cases').select('definition_json').where('project_id', '=', actor.projectId).where('name', '=', useCase.name).executeTakeFirst();
    if (!row) {
      const now = this.#now();
      await tx.insertInto('use_cases').values({ project_id: actor.projectId, name: useCase.name, definition_json: JSON.stringify(definitionOf(useCase)), created_by: actor.id, created_at: now, updated_at: now }).execute();
      await recordAudit(tx, { actor, action: 'use_cases.create', resourceType: 'use_case', resourceId: useCase.name, after: definitionOf(useCase) });
      return;
    }
    await this.#write(tx, actor, useCase, JSON.parse(row.definition_json) as unknown);
  }

  async #write(tx: Tx, actor: Actor, useCase: UseCase, before: unknown): Promise<void> {
    await tx.updateTable('use_cases').set({ definition_json: JSON.stringify(definitionOf(useCase)), updated_at: this.#now() }).where('project_id', '=', actor.projectId).where('name', '=', useCase.name).execute();
    await recordAudit(tx, { actor, action: 'use_cases.update', resourceType: 'use_case', resourceId: useCase.name, before, after: definitionOf(useCase) });
  }
}

/** Validates a use case; a bad one is VALIDATION_FAILED naming each bad field. */
export function parseUseCase(input: unknown): UseCase {
  const parsed = UseCaseSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(use case)'}: ${i.message}`);
  throw new StewardError({ code: 'VALIDATION_FAILED', message: `the use case is not valid: ${problems.slice(0, 5).join('; ')}`, details: problems });
}
