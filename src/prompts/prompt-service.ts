// Prompts: versioned templates with labels and their history, and strict rendering. The gateway
// renders a route's prompt label per request, so label → version answers are cached and dropped
// through the change feed (topic `prompts`) on every replica; versions never change. Every prompt
// belongs to one project: writes happen in the actor's, reads name theirs, another project's is PROMPT_NOT_FOUND.
import { sql } from 'kysely';
import { StewardError, invalid } from '../errors/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { ChangeFeed, Db, PromptVersionsTable, PromptsTable, Store, Tx } from '../store/index.js';
import { isUniqueViolation, newId } from '../store/index.js';
import { type PromptDefinition, type PromptDefinitionInput, PromptDefinitionSchema, checkPromptDefinition } from './prompt-definition.js';
import { type LabelMove, type PromptRecord, type PromptVersionRecord, type RenderedPrompt, definitionOf, toLabelMove, toPromptRecord, toPromptVersion } from './prompt-records.js';
import { type VariableValues, renderMessages } from './render-prompt.js';

export const PROMPTS_TOPIC = 'prompts';
const PROMPT_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const LABEL_NAME = /^[a-z][a-z0-9._-]{0,62}$/;

/** Which version to render: a label, a number, or (neither) `production` if set, else the latest. */
export interface PromptSelector {
  label?: string;
  version?: number;
}

export interface CreatePromptInput extends PromptDefinitionInput {
  name: string;
  description?: string;
  /** Labels to point at the first version. */
  labels?: string[];
}

interface CachedVersion {
  row: PromptVersionsTable;
  expires: number;
}

export class PromptService {
  readonly #store: Store;
  readonly #feed: ChangeFeed;
  readonly #ttlMs: number;
  readonly #byLabel = new Map<string, CachedVersion>();
  readonly #unsubscribe: () => void;

  constructor(options: { store: Store; feed: ChangeFeed; cacheTtlMs?: number }) {
    this.#store = options.store;
    this.#feed = options.feed;
    this.#ttlMs = options.cacheTtlMs ?? 30_000;
    this.#unsubscribe = this.#feed.subscribe(PROMPTS_TOPIC, (event) => {
      if (!event.id) return this.#byLabel.clear();
      for (const key of this.#byLabel.keys()) if (key.startsWith(`${event.id}\u0000`)) this.#byLabel.delete(key);
    });
  }

  close(): void {
    this.#unsubscribe();
  }

  async list(projectId: string): Promise<PromptRecord[]> {
    const db = this.#store.db;
    const rows = await db.selectFrom('prompts').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    const labels = await db
      .selectFrom('prompt_labels')
      .innerJoin('prompt_versions', 'prompt_versions.id', 'prompt_labels.version_id')
      .select(['prompt_labels.prompt_id', 'prompt_labels.label', 'prompt_versions.version'])
      .execute();
    return rows.map((row) => toPromptRecord(row, Object.fromEntries(labels.filter((l) => l.prompt_id === row.id).map((l) => [l.label, Number(l.version)]))));
  }

  async get(projectId: string, name: string, db: Db = this.#store.db): Promise<PromptRecord> {
    const row = await requirePrompt(db, projectId, name);
    return toPromptRecord(row, Object.fromEntries((await labelRows(db, row.id)).map((l) => [l.label, l.version])));
  }

  /** Creates a prompt with its first version. */
  async create(actor: Actor, input: CreatePromptInput): Promise<PromptVersionRecord> {
    const version = await this.#store.transaction((tx) => this.createIn(tx, actor, input));
    return this.#published(actor.projectId, input.name, version);
  }

  async createIn(tx: Tx, actor: Actor, input: CreatePromptInput): Promise<PromptVersionRecord> {
    const { name, description, labels, ...definition } = input;
    if (!PROMPT_NAME.test(name)) throw invalid(`prompt name ${JSON.stringify(name)} must be lower case letters, digits, '.', '_' or '-'`);
    const parsed = parseDefinition(definition);
    const now = Date.now();
    const row: PromptsTable = { id: newId('prm'), project_id: actor.projectId, name, description: description ?? '', last_version: 0, created_at: now, updated_at: now, created_by: actor.id };
    try {
      await tx.insertInto('prompts').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'ALREADY_EXISTS', message: `prompt ${name} already exists`, details: { prompt: name } });
      throw error;
    }
    await recordAudit(tx, { actor, action: 'prompts.create', resourceType: 'prompt', resourceId: row.id, after: { name, description: row.description } });
    return this.#addVersion(tx, actor, name, parsed, labels ?? []);
  }

  /** Adds an immutable version; optionally points labels at it. */
  async addVersion(actor: Actor, name: string, definition: PromptDefinitionInput, labels: string[] = []): Promise<PromptVersionRecord> {
    const parsed = parseDefinition(definition);
    const version = await this.#store.transaction((tx) => this.#addVersion(tx, actor, name, parsed, labels));
    return this.#published(actor.projectId, name, version);
  }

  async addVersionIn(tx: Tx, actor: Actor, name: string, definition: PromptDefinitionInput, labels: string[] = []): Promise<PromptVersionRecord> {
    return this.#addVersion(tx, actor, name, parseDefinition(definition), labels);
  }

  async versions(projectId: string, name: string): Promise<PromptVersionRecord[]> {
    const db = this.#store.db;
    const prompt = await requirePrompt(db, projectId, name);
    const rows = await db.selectFrom('prompt_versions').selectAll().where('prompt_id', '=', prompt.id).orderBy('version').execute();
    const labels = await labelRows(db, prompt.id);
    return rows.map((r) => toPromptVersion(r, name, labels.filter((l) => l.version_id === r.id).map((l) => l.label)));
  }

  /** One version by number or label. */
  async version(projectId: string, name: string, selector: PromptSelector, db: Db = this.#store.db): Promise<PromptVersionRecord> {
    const prompt = await requirePrompt(db, projectId, name);
    const row = await findVersion(db, prompt, selector);
    const labels = await labelRows(db, prompt.id);
    return toPromptVersion(row, name, labels.filter((l) => l.version_id === row.id).map((l) => l.label));
  }

  /** Points a label at a version; the move is kept in the label's history. `latest` is implicit and cannot be set. */
  async setLabel(actor: Actor, name: string, label: string, input: { version: number; reason?: string }): Promise<LabelMove[]> {
    await this.#store.transaction((tx) => this.setLabelIn(tx, actor, name, label, input));
    return this.#published(actor.projectId, name, await this.labelHistory(actor.projectId, name, label));
  }

  async setLabelIn(tx: Tx, actor: Actor, name: string, label: string, input: { version: number; reason?: string }): Promise<void> {
    if (!LABEL_NAME.test(label)) throw invalid(`label ${JSON.stringify(label)} must start with a letter and hold lower case letters, digits, '.', '_' or '-'`);
    if (label === 'latest') throw new StewardError({ code: 'ALIAS_RESERVED', message: 'latest always means the newest version; it cannot be set' });
    const prompt = await lockPrompt(tx, actor.projectId, name);
    const target = await findVersion(tx, prompt, { version: input.version });
    await moveLabel(tx, prompt, label, target, actor, input.reason ?? '', Number(prompt.updated_at));
  }

  async labelHistory(projectId: string, name: string, label?: string): Promise<LabelMove[]> {
    const db = this.#store.db;
    const prompt = await requirePrompt(db, projectId, name);
    let q = db.selectFrom('prompt_label_history').selectAll().where('prompt_id', '=', prompt.id);
    if (label !== undefined) q = q.where('label', '=', label);
    return (await q.orderBy('at').orderBy('id').execute()).map(toLabelMove);
  }

  /**
   * Renders a prompt to chat messages. Strict: a variable without a value (given or default) is
   * PROMPT_VARIABLE_MISSING, never an empty string.
   * @example
   * const { messages, versionId } = await prompts.render(projectId, 'support-reply', { label: 'production' }, { customer: 'Ada' });
   */
  async render(projectId: string, name: string, selector: PromptSelector, variables: VariableValues): Promise<RenderedPrompt> {
    const row = await this.#cachedVersion(projectId, name, selector);
    const definition = definitionOf(row);
    return {
      prompt: name,
      version: Number(row.version),
      versionId: row.id,
      label: selector.version === undefined ? (selector.label ?? null) : null,
      messages: renderMessages(definition, variables),
      params: definition.params,
      model: row.model,
    };
  }

  async #cachedVersion(projectId: string, name: string, selector: PromptSelector): Promise<PromptVersionsTable> {
    const key = `${projectId}/${name}\u0000${selector.version ?? ''}\u0000${selector.label ?? ''}`;
    const now = Date.now();
    const hit = this.#byLabel.get(key);
    if (hit && hit.expires > now) return hit.row;
    const db = this.#store.db;
    const row = await findVersion(db, await requirePrompt(db, projectId, name), selector);
    if (this.#byLabel.size > 10_000) this.#byLabel.clear();
    this.#byLabel.set(key, { row, expires: now + this.#ttlMs });
    return row;
  }

  async #addVersion(tx: Tx, actor: Actor, name: string, definition: PromptDefinition, labels: readonly string[]): Promise<PromptVersionRecord> {
    const prompt = await lockPrompt(tx, actor.projectId, name);
    const bumped = await tx.updateTable('prompts').set((eb) => ({ last_version: eb('last_version', '+', 1) })).where('id', '=', prompt.id).returning('last_version').executeTakeFirstOrThrow();
    const now = Number(prompt.updated_at);
    const row: PromptVersionsTable = {
      id: newId('pv'),
      prompt_id: prompt.id,
      version: Number(bumped.last_version),
      kind: definition.kind,
      template_json: JSON.stringify(definition.template),
      variables_json: JSON.stringify(definition.variables),
      examples_json: JSON.stringify(definition.examples),
      params_json: JSON.stringify(definition.params),
      model: definition.model ?? null,
      message: definition.message ?? '',
      created_at: now,
      created_by: actor.id,
    };
    await tx.insertInto('prompt_versions').values(row).execute();
    await recordAudit(tx, { actor, action: 'prompts.versions.create', resourceType: 'prompt_version', resourceId: row.id, after: { prompt: name, version: row.version, kind: row.kind } });
    for (const label of labels) await this.setLabelIn(tx, actor, name, label, { version: row.version, reason: `created version ${row.version}` });
    return toPromptVersion(row, name, [...labels]);
  }

  /** Change-feed ids are `projectId/name` (project ids hold no slash), like the cache keys. */
  async #published<T>(projectId: string, name: string, value: T): Promise<T> {
    await this.#feed.publish({ topic: PROMPTS_TOPIC, id: promptChangeId(projectId, name) });
    for (const key of this.#byLabel.keys()) if (key.startsWith(`${promptChangeId(projectId, name)}\u0000`)) this.#byLabel.delete(key);
    return value;
  }
}

function parseDefinition(input: PromptDefinitionInput): PromptDefinition {
  const parsed = PromptDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue.path.join('.') || 'prompt'}: ${issue.message}`, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  checkPromptDefinition(parsed.data);
  return parsed.data;
}

function promptNotFound(name: string): StewardError {
  return new StewardError({ code: 'PROMPT_NOT_FOUND', message: `prompt ${name} not found`, details: { prompt: name } });
}

export function promptChangeId(projectId: string, name: string): string {
  return `${projectId}/${name}`;
}

async function requirePrompt(db: Db, projectId: string, name: string): Promise<PromptsTable> {
  const row = await db.selectFrom('prompts').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
  if (!row) throw promptNotFound(name);
  return row;
}

/** Locks the prompt row; its updated_at becomes this write's time, strictly after the previous one. */
async function lockPrompt(tx: Tx, projectId: string, name: string): Promise<PromptsTable> {
  const now = Date.now();
  const row = await tx
    .updateTable('prompts')
    .set({ updated_at: sql<number>`case when updated_at >= ${now} then updated_at + 1 else ${now} end` })
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw promptNotFound(name);
  return row;
}

async function labelRows(db: Db, promptId: string): Promise<{ label: string; version_id: string; version: number }[]> {
  const rows = await db
    .selectFrom('prompt_labels')
    .innerJoin('prompt_versions', 'prompt_versions.id', 'prompt_labels.version_id')
    .select(['prompt_labels.label', 'prompt_labels.version_id', 'prompt_versions.version'])
    .where('prompt_labels.prompt_id', '=', promptId)
    .orderBy('prompt_labels.label')
    .execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

async function findVersion(db: Db, prompt: PromptsTable, selector: PromptSelector): Promise<PromptVersionsTable> {
  const base = db.selectFrom('prompt_versions').selectAll('prompt_versions').where('prompt_versions.prompt_id', '=', prompt.id);
  const notFound = (what: string) => new StewardError({ code: 'PROMPT_VERSION_NOT_FOUND', message: `prompt ${prompt.name} has no ${what}`, details: { prompt: prompt.name, ...selector } });
  if (selector.version !== undefined) {
    const row = await base.where('prompt_versions.version', '=', selector.version).executeTakeFirst();
    if (!row) throw notFound(`version ${selector.version}`);
    return row;
  }
  const label = selector.label ?? 'production';
  if (label !== 'latest') {
    const row = await base.innerJoin('prompt_labels', 'prompt_labels.version_id', 'prompt_versions.id').where('prompt_labels.label', '=', label).executeTakeFirst();
    if (row) return row;
    if (selector.label !== undefined) throw notFound(`label ${label}`);
  }
  const latest = await base.orderBy('prompt_versions.version', 'desc').limit(1).executeTakeFirst();
  if (!latest) throw notFound('versions');
  return latest;
}

async function moveLabel(tx: Tx, prompt: PromptsTable, label: string, target: PromptVersionsTable, actor: Actor, reason: string, now: number): Promise<void> {
  const current = await tx
    .selectFrom('prompt_labels')
    .innerJoin('prompt_versions', 'prompt_versions.id', 'prompt_labels.version_id')
    .select(['prompt_labels.version_id', 'prompt_versions.version'])
    .where('prompt_labels.prompt_id', '=', prompt.id)
    .where('prompt_labels.label', '=', label)
    .executeTakeFirst();
  if (current?.version_id === target.id) return;
  if (current) {
    await tx.updateTable('prompt_labels').set({ version_id: target.id, updated_at: now }).where('prompt_id', '=', prompt.id).where('label', '=', label).execute();
  } else {
    await tx.insertInto('prompt_labels').values({ prompt_id: prompt.id, label, version_id: target.id, updated_at: now }).execute();
  }
  const from = current ? Number(current.version) : null;
  await tx
    .insertInto('prompt_label_history')
    .values({ id: newId('plh'), prompt_id: prompt.id, label, from_version: from, to_version: Number(target.version), at: now, actor_id: actor.id, actor_name: actor.name, reason })
    .execute();
  await recordAudit(tx, { actor, action: 'prompts.labels.set', resourceType: 'prompt_label', resourceId: `${prompt.name}@${label}`, before: { version: from }, after: { version: Number(target.version), reason } });
}
