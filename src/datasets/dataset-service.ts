// Datasets as a service: create, import (streamed, all or nothing), derive new versions (filter,
// split, merge, augment, curate), diff, lineage, quality reports and export. Every write is one
// transaction with its audit record; versions never change after creation.
import { ScoreSchemaSchema } from '../annotation/score-schema.js';
import type { Actor } from '../governance/index.js';
import { recordAudit } from '../governance/index.js';
import { StewardError, conflict, invalid } from '../errors/index.js';
import type { DatasetsTable, Store } from '../store/index.js';
import { isUniqueViolation, newId, toJsonColumn } from '../store/index.js';
import { type AugmentOptions, type GenerateText, augment, augmentWithModel } from './augmentation/index.js';
import { type DatasetItem, type DatasetSplit, type Provenance, parseDatasetItem } from './dataset-item.js';
import type { Dataset, DatasetOperation, DatasetProvenance, DatasetVersion } from './dataset-records.js';
import {
  type StoredItem,
  findDatasetRow,
  findVersion,
  findVersionById,
  itemPage,
  loadItems,
  parentsOf,
  streamItems,
  toDataset,
  toVersion,
} from './dataset-repository.js';
import { type CurationKind, curateFeedback } from './curation/feedback-items.js';
import { type AnnotationCuration, curateAnnotations } from './curation/annotation-items.js';
import { type TraceFilter, selectAnnotations, selectFeedback, selectTraces } from './curation/curation-queries.js';
import { traceToItem } from './curation/trace-items.js';
import type { ExportFormat } from './export/export-formats.js';
import { type ExportPlan, exportVersionLines, planExport } from './export/export-version.js';
import { type FieldOptions, applyFieldOptions, unknownFieldsMessage } from './import/item-fields.js';
import type { ByteSource } from './import/read-lines.js';
import { type ImportFormat, spoolImport } from './import/spool-import.js';
import { type VersionDiff, diffVersions } from './lineage/diff-versions.js';
import { type LineageDirection, type LineageGraph, walkLineage } from './lineage/walk-lineage.js';
import { assignSplit, type SplitSpec } from './operations/assign-splits.js';
import { type CurateSpec, applyEdits, parseCurateEdits } from './operations/curate-edits.js';
import { type FilterSpec, keepItem } from './operations/filter-items.js';
import { type QualityOptionsInput, type QualityReport, type QualityStatus, runQualityChecks } from './quality/index.js';
import type { VersionParams } from './versions/version-params.js';
import { type NewVersion, type WrittenVersion, writeVersion } from './versions/write-version.js';

/** Versions up to this size get their quality report at creation; larger ones on demand. */
export const AUTO_QUALITY_MAX_ITEMS = 20_000;

export interface DatasetServiceOptions {
  store: Store;
  /** Where uploads are spooled while they are validated. */
  spoolDir: string;
  /** A text generator over a model name (route or provider/model), for paraphrase and synthetic augmentation. */
  /** Writes text with `model` as `actor`: names resolve in the actor's project. */
  textGenerator?: (actor: Actor, model: string) => GenerateText;
  autoQualityMaxItems?: number;
}

export interface CreatedVersion {
  version: DatasetVersion;
  /** True when the content equals the latest version (nothing new was written). */
  unchanged: boolean;
  quality: StoredQualityReport | null;
}

export interface StoredQualityReport {
  id: string;
  versionId: string;
  status: QualityStatus;
  report: QualityReport;
  createdAt: string;
}

export type ModelAugmentRequest =
  | { kind: 'paraphrase'; model: string; copies?: number; instruction?: string; includeOriginals?: boolean }
  | { kind: 'synthetic'; model: string; count: number; seed: number | string; examplesPerPrompt?: number; includeOriginals?: boolean };

export type AugmentRequest = AugmentOptions | ModelAugmentRequest;

export interface MergeSource {
  dataset: string;
  version: string | number;
}

export class DatasetService {
  readonly #store: Store;
  readonly #spoolDir: string;
  readonly #textGenerator: ((actor: Actor, model: string) => GenerateText) | undefined;
  readonly #autoQualityMax: number;

  constructor(options: DatasetServiceOptions) {
    this.#store = options.store;
    this.#spoolDir = options.spoolDir;
    this.#textGenerator = options.textGenerator;
    this.#autoQualityMax = options.autoQualityMaxItems ?? AUTO_QUALITY_MAX_ITEMS;
  }

  async create(actor: Actor, input: { name: string; description?: string; provenance?: DatasetProvenance }): Promise<Dataset> {
    const now = Date.now();
    const row: DatasetsTable = {
      id: newId('ds'),
      project_id: actor.projectId,
      name: input.name,
      description: input.description ?? '',
      provenance_json: JSON.stringify(input.provenance ?? {}),
      latest_version: 0,
      created_at: now,
      updated_at: now,
      created_by: actor.id,
    };
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('datasets').values(row).execute();
        await recordAudit(tx, { actor, action: 'datasets.create', resourceType: 'dataset', resourceId: row.id, after: { name: row.name, provenance: input.provenance ?? {} } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`a dataset named ${input.name} already exists`);
      throw error;
    }
    return toDataset(row);
  }

  async list(projectId: string): Promise<Dataset[]> {
    const rows = await this.#store.db.selectFrom('datasets').selectAll().where('project_id', '=', projectId).orderBy('name').execute();
    return rows.map(toDataset);
  }

  async get(projectId: string, name: string): Promise<Dataset> {
    return toDataset(await findDatasetRow(this.#store.db, projectId, name));
  }

  async listVersions(projectId: string, name: string): Promise<DatasetVersion[]> {
    const dataset = await findDatasetRow(this.#store.db, projectId, name);
    const rows = await this.#store.db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', dataset.id).orderBy('version', 'desc').execute();
    const parents = await parentsOf(this.#store.db, rows.map((r) => r.id));
    return rows.map((row) => toVersion(row, dataset.name, parents.get(row.id) ?? []));
  }

  async getVersion(projectId: string, name: string, ref: string | number): Promise<DatasetVersion> {
    return findVersion(this.#store.db, await findDatasetRow(this.#store.db, projectId, name), ref);
  }

  /** A version by its id (for evaluation runs and training jobs that hold the id). */
  getVersionById(id: string): Promise<DatasetVersion> {
    return findVersionById(this.#store.db, id);
  }

  async items(projectId: string, name: string, ref: string | number, query: { after?: number; limit?: number; split?: DatasetSplit }): Promise<StoredItem[]> {
    const version = await this.getVersion(projectId, name, ref);
    return itemPage(this.#store.db, version.id, query);
  }

  /** A new version from items given in the request (small uploads). */
  async importItems(actor: Actor, name: string, input: { items: unknown[]; message?: string; provenance?: Provenance } & FieldOptions): Promise<CreatedVersion> {
    const items = input.items.map((raw, index) => {
      const fields = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? applyFieldOptions(raw as Record<string, unknown>, input) : { value: raw };
      if ('unknown' in fields) throw new StewardError({ code: 'DATASET_FIELD_UNKNOWN', message: `item ${index}: ${unknownFieldsMessage(fields.unknown)}`, details: { index, fields: fields.unknown } });
      try {
        const item = parseDatasetItem(fields.value);
        return input.provenance ? { ...item, provenance: { ...input.provenance, ...item.provenance } } : item;
      } catch (error) {
        // The item's own code (too deep, invalid) is kept; the message says which item.
        if (error instanceof StewardError) throw new StewardError({ code: error.code, message: `item ${index}: ${error.message}`, details: { index, issues: error.details } });
        throw invalid(`item ${index}: ${error instanceof Error ? error.message : String(error)}`, { index });
      }
    });
    if (items.length === 0) throw invalid('items must not be empty');
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    return this.#derive(actor, dataset, { operation: 'import', params: { source: 'request' }, parents: [], message: input.message, items: () => items });
  }

  /**
   * A new version from a JSONL or CSV stream: parsed line by line, all or nothing (bad lines are
   * reported by number and nothing is written), inserted in batches in one transaction.
   */
  async importStream(
    actor: Actor,
    name: string,
    input: { source: ByteSource; format: ImportFormat; message?: string; filename?: string; provenance?: Provenance; maxItems?: number; fields?: FieldOptions },
  ): Promise<CreatedVersion> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const spooled = await spoolImport(input.source, { format: input.format, dir: this.#spoolDir, provenance: input.provenance, maxItems: input.maxItems, fields: input.fields });
    try {
      return await this.#derive(actor, dataset, {
        operation: 'import',
        params: { format: input.format, filename: input.filename ?? null, items: spooled.count },
        parents: [],
        message: input.message,
        items: () => spooled.items(),
      });
    } finally {
      spooled.remove();
    }
  }

  /** A new version from any items (traces, feedback): for other services of the process. */
  async createFromItems(
    actor: Actor,
    name: string,
    input: { operation: DatasetOperation; params: VersionParams; parents?: string[]; message?: string; items: Iterable<DatasetItem> | AsyncIterable<DatasetItem> },
  ): Promise<CreatedVersion> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    return this.#derive(actor, dataset, { operation: input.operation, params: input.params, parents: input.parents ?? [], message: input.message, items: () => input.items });
  }

  async filter(actor: Actor, name: string, ref: string | number, spec: FilterSpec, message?: string): Promise<CreatedVersion> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const parent = await findVersion(this.#store.db, dataset, ref);
    return this.#derive(actor, dataset, {
      operation: 'filter',
      params: { filter: spec },
      parents: [parent.id],
      message,
      items: (tx) => keepOnly(streamItems(tx, parent.id), (item) => keepItem(item, spec)),
    });
  }

  async split(actor: Actor, name: string, ref: string | number, spec: SplitSpec, message?: string): Promise<CreatedVersion> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const parent = await findVersion(this.#store.db, dataset, ref);
    return this.#derive(actor, dataset, {
      operation: 'split',
      params: spec,
      parents: [parent.id],
      message,
      items: (tx) => mapItems(streamItems(tx, parent.id), (item) => assignSplit(item, spec)),
    });
  }

  /** A new version of `name` holding the items of every source version, in order. */
  async merge(actor: Actor, name: string, sources: MergeSource[], message?: string): Promise<CreatedVersion> {
    if (sources.length < 1) throw invalid('merge needs at least one source version');
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const parents: DatasetVersion[] = [];
    for (const source of sources) parents.push(await findVersion(this.#store.db, await findDatasetRow(this.#store.db, actor.projectId, source.dataset), source.version));
    return this.#derive(actor, dataset, {
      operation: 'merge',
      params: { sources: parents.map((p) => `${p.dataset}@${p.version}`) },
      parents: parents.map((p) => p.id),
      message,
      items: async function* (tx) {
        for (const parent of parents) for await (const { item } of streamItems(tx, parent.id)) yield item;
      },
    });
  }

  async curate(actor: Actor, name: string, ref: string | number, spec: CurateSpec, message?: string): Promise<CreatedVersion> {
    const edits = parseCurateEdits(spec);
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const parent = await findVersion(this.#store.db, dataset, ref);
    return this.#derive(actor, dataset, {
      operation: 'curate',
      params: { added: edits.add.length, updated: [...edits.update.keys()], removed: [...edits.remove] },
      parents: [parent.id],
      message,
      items: (tx) => applyEdits(mapItems(streamItems(tx, parent.id), (item) => item), edits),
    });
  }

  /**
   * A new version with augmented items added after the originals (or only the new items when
   * `includeOriginals` is false). Paraphrase and synthetic items are written by `model` through the
   * text generator; deterministic kinds need none.
   */
  async augment(actor: Actor, name: string, ref: string | number, request: AugmentRequest, message?: string): Promise<CreatedVersion & { rejected: { index: number; reason: string }[] }> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const parent = await findVersion(this.#store.db, dataset, ref);
    const items = await loadItems(this.#store.db, parent.id);
    const includeOriginals = request.includeOriginals ?? true;
    let made: DatasetItem[];
    let rejected: { index: number; reason: string }[] = [];
    if (request.kind === 'paraphrase' || request.kind === 'synthetic') {
      if (!this.#textGenerator) throw invalid('model augmentation needs a model caller (a gateway or provider)');
      const generate = this.#textGenerator(actor, request.model);
      const result =
        request.kind === 'paraphrase'
          ? await augmentWithModel(items, { kind: 'paraphrase', generate, copies: request.copies, instruction: request.instruction })
          : await augmentWithModel(items, { kind: 'synthetic', generate, count: request.count, seed: request.seed, examplesPerPrompt: request.examplesPerPrompt });
      made = result.items;
      rejected = result.rejected;
    } else {
      made = augment(items, { ...request, includeOriginals: false });
    }
    const { includeOriginals: _, ...params } = request;
    const created = await this.#derive(actor, dataset, {
      operation: 'augment',
      params: { ...params, includeOriginals, added: made.length, rejected: rejected.length },
      parents: [parent.id],
      message,
      items: () => (includeOriginals ? [...items, ...made] : made),
    });
    return { ...created, rejected };
  }

  /**
   * A new version from gateway traces matching `filter`: each chat trace's messages as input and its
   * answer as reference, provenance naming the trace. `append` keeps the latest version's items first.
   */
  async fromTraces(actor: Actor, name: string, filter: TraceFilter, options: { append?: boolean; message?: string } = {}): Promise<CreatedVersion> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const traces = await selectTraces(this.#store.db, actor.projectId, filter);
    const items = traces.map(traceToItem).filter((item): item is NonNullable<typeof item> => item !== undefined);
    if (items.length === 0) throw invalid('no chat trace with a stored prompt matches the filter');
    return this.#withLatest(actor, dataset, { operation: 'import', params: { source: 'traces', filter, traces: traces.length, items: items.length }, items, ...options });
  }

  /**
   * Curation from feedback: corrections become SFT examples (and a preference for the correction over
   * the model's answer); thumbs and ratings on answers to the same prompt become preference pairs.
   * Items carry the trace and feedback ids. `append` (default) adds them after the latest version's items.
   */
  async fromFeedback(
    actor: Actor,
    name: string,
    filter: Omit<TraceFilter, 'thumb' | 'status'>,
    options: { kinds?: CurationKind[]; append?: boolean; message?: string } = {},
  ): Promise<CreatedVersion> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const rows = await selectFeedback(this.#store.db, actor.projectId, filter);
    const items = curateFeedback(rows, options.kinds);
    if (items.length === 0) throw invalid(`no usable feedback matches the filter (${rows.length} feedback rows: corrections or thumbs/ratings on stored chat traces are needed)`);
    return this.#withLatest(actor, dataset, { operation: 'curate', params: { source: 'feedback', filter, kinds: options.kinds ?? ['sft', 'preference'], feedback: rows.length, items: items.length }, items, append: options.append ?? true, message: options.message });
  }

  /**
   * Curation from an annotation queue: corrections in a text field become SFT examples (and a
   * preference for the correction over the model's answer); a grade field ranks the answers to the
   * same prompt into preference pairs. Items carry the trace and annotation ids.
   */
  async fromAnnotations(actor: Actor, name: string, spec: AnnotationCuration, options: { append?: boolean; message?: string } = {}): Promise<CreatedVersion> {
    const dataset = await findDatasetRow(this.#store.db, actor.projectId, name);
    const queue = await selectAnnotations(this.#store.db, actor.projectId, spec.queue);
    if (!queue) throw new StewardError({ code: 'ANNOTATION_QUEUE_NOT_FOUND', message: `no annotation queue ${spec.queue}` });
    const schema = ScoreSchemaSchema.parse(JSON.parse(queue.schemaJson));
    const items = curateAnnotations(schema, queue.name, queue.rows, spec);
    if (items.length === 0) throw invalid(`no usable annotation in queue ${queue.name} (${queue.rows.length} annotations: corrections or grades of stored chat answers are needed)`);
    const { queue: _named, ...fields } = spec;
    return this.#withLatest(actor, dataset, { operation: 'curate', params: { source: 'annotations', queue: queue.name, queueId: queue.id, ...fields, kinds: spec.kinds ?? ['sft', 'preference'], annotations: queue.rows.length, items: items.length }, items, append: options.append ?? true, message: options.message });
  }

  async #withLatest(actor: Actor, dataset: DatasetsTable, input: { operation: DatasetOperation; params: VersionParams; items: DatasetItem[]; append?: boolean; message?: string }): Promise<CreatedVersion> {
    const latest = input.append && Number(dataset.latest_version) > 0 ? await findVersion(this.#store.db, dataset, 'latest') : undefined;
    return this.#derive(actor, dataset, {
      operation: input.operation,
      params: { ...input.params, append: latest !== undefined },
      parents: latest ? [latest.id] : [],
      message: input.message,
      items: async function* (tx) {
        if (latest) for await (const { item } of streamItems(tx, latest.id)) yield item;
        yield* input.items;
      },
    });
  }

  async diff(projectId: string, name: string, from: string | number, to: string | number, limit?: number): Promise<VersionDiff> {
    const dataset = await findDatasetRow(this.#store.db, projectId, name);
    const a = await findVersion(this.#store.db, dataset, from);
    const b = await findVersion(this.#store.db, dataset, to);
    return diffVersions(this.#store.db, a.id, b.id, limit);
  }

  async lineage(projectId: string, name: string, ref: string | number, direction: LineageDirection): Promise<LineageGraph> {
    return walkLineage(this.#store.db, await this.getVersion(projectId, name, ref), direction);
  }

  /** Runs the quality checks over a version and stores the report. */
  async runQuality(actor: Actor, name: string, ref: string | number, options: QualityOptionsInput = {}): Promise<StoredQualityReport> {
    const version = await this.getVersion(actor.projectId, name, ref);
    return this.#storeQuality(actor, version, options);
  }

  /** The latest stored quality report of a version, or null. */
  async latestQuality(projectId: string, name: string, ref: string | number): Promise<StoredQualityReport | null> {
    const version = await this.getVersion(projectId, name, ref);
    const row = await this.#store.db
      .selectFrom('dataset_quality_reports')
      .selectAll()
      .where('version_id', '=', version.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? { id: row.id, versionId: row.version_id, status: row.status as QualityStatus, report: JSON.parse(row.report_json) as QualityReport, createdAt: new Date(Number(row.created_at)).toISOString() } : null;
  }

  /** The export of a version as text chunks, streamed. */
  /**
   * A version in an export format, with what it writes and skips (items lacking what the format needs).
   * @throws StewardError DATASET_EXPORT_EMPTY naming the missing field when nothing would be written.
   */
  async export(projectId: string, name: string, ref: string | number, format: ExportFormat, options: { split?: DatasetSplit } = {}): Promise<{ version: DatasetVersion; plan: ExportPlan; chunks: AsyncGenerator<string> }> {
    const version = await this.getVersion(projectId, name, ref);
    const plan = await planExport(this.#store.db, version.id, format, options);
    if (plan.written === 0) {
      const missing = Object.entries(plan.missing).map(([field, count]) => `${count} lack${count === 1 ? 's' : ''} ${field}`);
      throw new StewardError({
        code: 'DATASET_EXPORT_EMPTY',
        message: `${version.dataset}@${version.version}${options.split ? ` (split ${options.split})` : ''} has no item that ${format} can hold: ${plan.skipped === 0 ? 'there are no items' : `all ${plan.skipped} skipped (${missing.join(', ')})`}; nothing was exported`,
        details: { format, skipped: plan.skipped, missing: plan.missing },
      });
    }
    return { version, plan, chunks: exportVersionLines(this.#store.db, version.id, format, options) };
  }

  async #derive(actor: Actor, dataset: DatasetsTable, input: NewVersion): Promise<CreatedVersion> {
    const written: WrittenVersion = await writeVersion((work) => this.#store.transaction(work), actor, dataset, input);
    const version = await findVersionById(this.#store.db, written.id);
    let quality: StoredQualityReport | null = null;
    if (!written.unchanged && version.itemCount <= this.#autoQualityMax) quality = await this.#storeQuality(actor, version, {});
    else if (written.unchanged) quality = await this.latestQuality(actor.projectId, dataset.name, version.id);
    return { version, unchanged: written.unchanged, quality };
  }

  async #storeQuality(actor: Actor, version: DatasetVersion, options: QualityOptionsInput): Promise<StoredQualityReport> {
    const items = await loadItems(this.#store.db, version.id);
    const report = runQualityChecks(items, options);
    const row = { id: newId('dsq'), version_id: version.id, status: report.status, report_json: toJsonColumn(report) ?? '{}', created_at: Date.now(), created_by: actor.id };
    await this.#store.transaction(async (tx) => {
      await tx.insertInto('dataset_quality_reports').values(row).execute();
      await recordAudit(tx, { actor, action: 'datasets.quality', resourceType: 'dataset_version', resourceId: version.id, after: { status: report.status } });
    });
    return { id: row.id, versionId: version.id, status: report.status, report, createdAt: new Date(row.created_at).toISOString() };
  }
}

async function* keepOnly(entries: AsyncIterable<StoredItem>, keep: (item: DatasetItem) => boolean): AsyncGenerator<DatasetItem> {
  for await (const { item } of entries) if (keep(item)) yield item;
}

async function* mapItems(entries: AsyncIterable<StoredItem>, map: (item: DatasetItem) => DatasetItem): AsyncGenerator<DatasetItem> {
  for await (const { item } of entries) yield map(item);
}
