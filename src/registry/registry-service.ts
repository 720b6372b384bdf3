// The model registry: models, their immutable numbered versions, lineage and model cards.
// Lifecycle moves, approvals and aliases live in version-lifecycle.ts; both share the model lock.
import { StewardError, invalid } from '../errors/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { ChangeFeed, Db, ModelsTable, Store, Tx } from '../store/index.js';
import { isUniqueViolation, newId } from '../store/index.js';
import { moveAlias } from './alias-moves.js';
import { type ComposedModelCard, type ModelCard, ModelCardSchema, composeModelCard } from './model-card.js';
import { aliasRows, lockModel, requireModel, requireVersion, versionNames } from './model-rows.js';
import { type ModelRecord, type ModelVersionRecord, toModelRecord, toVersionRecord } from './registry-records.js';
import { assertModelName, versionName } from './registry-names.js';
import { type VersionSource, VersionSourceSchema, type VersionSpec, VersionSpecSchema, sameSpec } from './version-spec.js';

/** Change-feed topic: the id is the model name (resolver caches drop it). */
export const REGISTRY_TOPIC = 'registry';

export interface CreateModelInput {
  name: string;
  description?: string;
  tags?: string[];
  card?: ModelCard;
  gates?: string[];
}

export type UpdateModelInput = Partial<Omit<CreateModelInput, 'name'>>;

/**
 * What a new version pins and where it came from.
 * @example
 * registry.registerVersion(actor, 'support-bot', {
 *   spec: { provider: 'builtin', artifact: { sha256, path: 'artifacts/ab12….safetensors', kind: 'lora' }, base: 'builtin-small-001' },
 *   source: { kind: 'training_job', jobId: 'job_01…' },
 *   datasetVersionIds: ['dsv_01…'],
 * })
 */
export interface RegisterVersionInput {
  spec: VersionSpec;
  source?: VersionSource;
  description?: string;
  datasetVersionIds?: string[];
  evalRunIds?: string[];
  /**
   * The number this version must get. Omit it to take the next; give it to be idempotent
   * (declarative apply): an existing version with the same spec is returned, a different spec is
   * MODEL_VERSION_IMMUTABLE, and a number past the next one is refused (numbers never skip).
   */
  seq?: number;
}

/** What registration checks against the rest of the system (the server wires src/references). */
export interface RegistryReferences {
  /** @throws StewardError REFERENCE_NOT_FOUND unless the project may call that provider. */
  provider(projectId: string, field: string, name: string): void;
}

export class RegistryService {
  readonly #store: Store;
  readonly #feed: ChangeFeed;
  #references: RegistryReferences | undefined;

  constructor(options: { store: Store; feed: ChangeFeed }) {
    this.#store = options.store;
    this.#feed = options.feed;
  }

  get store(): Store {
    return this.#store;
  }

  /** Wires the reference checks once the gateway's providers exist. */
  connectReferences(references: RegistryReferences): void {
    this.#references = references;
  }

  /** Tells every replica that a model's versions or aliases changed. */
  async published<T>(model: string, result: T): Promise<T> {
    await this.#feed.publish({ topic: REGISTRY_TOPIC, id: model });
    return result;
  }

  async listModels(projectId: string): Promise<ModelRecord[]> {
    const db = this.#store.db;
    const rows = await db.selectFrom('models').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    const aliases = await db.selectFrom('model_aliases').innerJoin('model_versions', 'model_versions.id', 'model_aliases.version_id').select(['model_aliases.model_id', 'model_aliases.alias', 'model_versions.name']).execute();
    return rows.map((row) => toModelRecord(row, Object.fromEntries(aliases.filter((a) => a.model_id === row.id).map((a) => [a.alias, a.name]))));
  }

  async getModel(projectId: string, name: string, db: Db = this.#store.db): Promise<ModelRecord> {
    const row = await requireModel(db, projectId, name);
    return this.#modelRecord(db, row);
  }

  async createModel(actor: Actor, input: CreateModelInput): Promise<ModelRecord> {
    const record = await this.#store.transaction((tx) => this.createModelIn(tx, actor, input));
    return this.published(record.name, record);
  }

  /** {@link createModel} inside a caller's transaction (declarative apply). */
  async createModelIn(tx: Tx, actor: Actor, input: CreateModelInput): Promise<ModelRecord> {
    assertModelName(input.name);
    const card = ModelCardSchema.parse(input.card ?? {});
    const now = Date.now();
    const row: ModelsTable = {
      id: newId('mdl'),
      project_id: actor.projectId,
      name: input.name,
      description: input.description ?? '',
      tags_json: JSON.stringify(uniqueStrings(input.tags ?? [])),
      card_json: JSON.stringify(card),
      gates_json: JSON.stringify(uniqueStrings(input.gates ?? [])),
      last_seq: 0,
      created_at: now,
      updated_at: now,
      created_by: actor.id,
    };
    const clash = await tx.selectFrom('model_versions').select('id').where('project_id', '=', actor.projectId).where('name', '=', input.name).executeTakeFirst();
    if (clash) throw new StewardError({ code: 'ALREADY_EXISTS', message: `${input.name} already names a model version` });
    try {
      await tx.insertInto('models').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'ALREADY_EXISTS', message: `model ${input.name} already exists`, details: { model: input.name } });
      throw error;
    }
    await recordAudit(tx, { actor, action: 'models.create', resourceType: 'model', resourceId: row.id, after: { name: row.name, gates: input.gates ?? [] } });
    return toModelRecord(row, {});
  }

  async updateModel(actor: Actor, name: string, patch: UpdateModelInput): Promise<ModelRecord> {
    const record = await this.#store.transaction((tx) => this.updateModelIn(tx, actor, name, patch));
    return this.published(name, record);
  }

  async updateModelIn(tx: Tx, actor: Actor, name: string, patch: UpdateModelInput): Promise<ModelRecord> {
    const before = await lockModel(tx, actor.projectId, name);
    const set: Partial<ModelsTable> = {};
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.tags !== undefined) set.tags_json = JSON.stringify(uniqueStrings(patch.tags));
    if (patch.card !== undefined) set.card_json = JSON.stringify(ModelCardSchema.parse(patch.card));
    if (patch.gates !== undefined) set.gates_json = JSON.stringify(uniqueStrings(patch.gates));
    if (Object.keys(set).length > 0) await tx.updateTable('models').set(set).where('id', '=', before.id).execute();
    await recordAudit(tx, { actor, action: 'models.update', resourceType: 'model', resourceId: before.id, before: modelSummary(before), after: patch });
    return this.getModel(actor.projectId, name, tx);
  }

  async registerVersion(actor: Actor, modelName: string, input: RegisterVersionInput): Promise<ModelVersionRecord> {
    const record = await this.#store.transaction((tx) => this.registerVersionIn(tx, actor, modelName, input));
    return this.published(modelName, record);
  }

  /** {@link registerVersion} inside a caller's transaction; moves `latest` to the new version. */
  async registerVersionIn(tx: Tx, actor: Actor, modelName: string, input: RegisterVersionInput): Promise<ModelVersionRecord> {
    const spec = parseOr(VersionSpecSchema, input.spec, 'spec');
    const source = parseOr(VersionSourceSchema, input.source ?? { kind: 'manual' }, 'source');
    // A version whose provider does not exist would never resolve, yet would take `latest`.
    this.#references?.provider(actor.projectId, 'spec.provider', spec.provider);
    const model = await lockModel(tx, actor.projectId, modelName);
    const now = Number(model.updated_at);
    if (input.seq !== undefined) {
      if (input.seq <= Number(model.last_seq)) {
        const existing = await requireVersion(tx, model, String(input.seq));
        const record = toVersionRecord(existing, model.name, []);
        if (sameSpec(record.spec, spec)) {
          throw new StewardError({ code: 'MODEL_VERSION_EXISTS', message: `version ${existing.name} already exists`, details: { version: existing.name, sameSpec: true } });
        }
        throw new StewardError({ code: 'MODEL_VERSION_IMMUTABLE', message: `version ${existing.name} already exists with a different spec; register a new version instead`, details: { version: existing.name } });
      }
      if (input.seq !== Number(model.last_seq) + 1) {
        throw invalid(`version numbers never skip: the next version of ${modelName} is ${Number(model.last_seq) + 1}, not ${input.seq}`);
      }
    }
    const bumped = await tx.updateTable('models').set((eb) => ({ last_seq: eb('last_seq', '+', 1) })).where('id', '=', model.id).returning('last_seq').executeTakeFirstOrThrow();
    const seq = Number(bumped.last_seq);
    const row = {
      id: newId('mv'),
      project_id: actor.projectId,
      model_id: model.id,
      seq,
      name: versionName(model.name, seq),
      description: input.description ?? '',
      spec_json: JSON.stringify(spec),
      source_json: JSON.stringify(source),
      dataset_version_ids_json: JSON.stringify(uniqueStrings(input.datasetVersionIds ?? [])),
      eval_run_ids_json: JSON.stringify(uniqueStrings(input.evalRunIds ?? [])),
      status: 'candidate',
      deprecated_at: null,
      sunset_at: null,
      replacement: null,
      created_at: now,
      created_by: actor.id,
    };
    await tx.insertInto('model_versions').values(row).execute();
    await tx
      .insertInto('model_version_history')
      .values({ id: newId('mvh'), version_id: row.id, from_status: null, to_status: 'candidate', at: now, actor_id: actor.id, actor_name: actor.name, reason: 'registered', eval_run_id: null, forced: 0, gates_json: null })
      .execute();
    await moveAlias(tx, { modelId: model.id, alias: 'latest', versionId: row.id, actor, reason: `registered ${row.name}`, now });
    await recordAudit(tx, { actor, action: 'models.versions.register', resourceType: 'model_version', resourceId: row.id, after: { name: row.name, spec, source } });
    return toVersionRecord(row, model.name, ['latest']);
  }

  async listVersions(projectId: string, modelName: string): Promise<ModelVersionRecord[]> {
    const db = this.#store.db;
    const model = await requireModel(db, projectId, modelName);
    const rows = await db.selectFrom('model_versions').selectAll().where('model_id', '=', model.id).orderBy('seq').execute();
    const aliases = await aliasRows(db, model.id);
    return rows.map((row) => toVersionRecord(row, model.name, aliases.filter((a) => a.version_id === row.id).map((a) => a.alias)));
  }

  async getVersion(projectId: string, modelName: string, ref: string, db: Db = this.#store.db): Promise<ModelVersionRecord> {
    const model = await requireModel(db, projectId, modelName);
    const row = await requireVersion(db, model, ref);
    const aliases = await aliasRows(db, model.id);
    return toVersionRecord(row, model.name, aliases.filter((a) => a.version_id === row.id).map((a) => a.alias));
  }

  /** Links an evaluation run to a version (the spec never changes; its links grow). */
  async linkEvalRun(actor: Actor, modelName: string, ref: string, evalRunId: string): Promise<ModelVersionRecord> {
    await this.#store.transaction(async (tx) => {
      const model = await lockModel(tx, actor.projectId, modelName);
      const row = await requireVersion(tx, model, ref);
      const runs = uniqueStrings([...toVersionRecord(row, model.name, []).evalRunIds, evalRunId]);
      await tx.updateTable('model_versions').set({ eval_run_ids_json: JSON.stringify(runs) }).where('id', '=', row.id).execute();
      await recordAudit(tx, { actor, action: 'models.versions.link_eval', resourceType: 'model_version', resourceId: row.id, after: { evalRunId } });
    });
    return this.published(modelName, await this.getVersion(actor.projectId, modelName, ref));
  }

  /** The model card with training data and evaluation results from the versions' lineage. */
  async card(projectId: string, modelName: string): Promise<ComposedModelCard> {
    const model = await this.getModel(projectId, modelName);
    const versions = await this.listVersions(projectId, modelName);
    return composeModelCard(
      model.name,
      model.card,
      versions.map((v) => ({ version: v.name, status: v.status, source: v.source, datasetVersionIds: v.datasetVersionIds, evalRunIds: v.evalRunIds })),
    );
  }

  async #modelRecord(db: Db, row: ModelsTable): Promise<ModelRecord> {
    const names = await versionNames(db, row.id);
    const aliases = await aliasRows(db, row.id);
    return toModelRecord(row, Object.fromEntries(aliases.map((a) => [a.alias, names.get(a.version_id) ?? a.version_id])));
  }
}

function modelSummary(row: ModelsTable) {
  return { name: row.name, description: row.description, tags: row.tags_json, gates: row.gates_json };
}

function uniqueStrings(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function parseOr<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [field, ...issue.path.map(String)].join('.');
  throw invalid(`${path}: ${issue.message}`, parsed.error.issues.map((i) => ({ path: [field, ...i.path.map(String)].join('.'), message: i.message })));
}
