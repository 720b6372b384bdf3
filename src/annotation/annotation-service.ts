// Annotation queues: filled from a trace filter, items assigned round-robin to annotator keys,
// annotations validated against the queue's score schema, and agreement per field.
import { StewardError } from '../errors/index.js';
import { type Actor, recordAudit, roleAllows } from '../governance/index.js';
import type { Thumb } from '../feedback/feedback-service.js';
import type { TraceStatus } from '../monitoring/traces/trace-record.js';
import type { Store } from '../store/index.js';
import { fromJsonColumn, isUniqueViolation, newId } from '../store/index.js';
import { cohensKappa, krippendorffAlpha } from './agreement.js';
import { type AnnotationValues, type ScoreSchema, ScoreSchemaSchema, validateAnnotation } from './score-schema.js';

export interface TraceFilter {
  route?: string;
  model?: string;
  status?: TraceStatus;
  /** Only traces with feedback (thumbs-down ones with `thumb: 'down'`). */
  thumb?: Thumb;
  from?: number;
  to?: number;
  limit?: number;
}

export interface QueueRecord {
  id: string;
  name: string;
  schema: ScoreSchema;
  filter: TraceFilter;
  annotators: string[];
  perItem: number;
  items: number;
  annotated: number;
  createdAt: string;
}

/** An item to annotate: the trace's request and response bodies as stored (null when not stored). */
export interface QueueItem {
  traceId: string;
  position: number;
  request: unknown;
  response: unknown;
}

export interface FieldAgreement {
  field: string;
  /** Items rated by at least two annotators. */
  items: number;
  alpha: number | null;
  /** Cohen's kappa when exactly two annotators rated (categorical and boolean fields). */
  cohensKappa: number | null;
}

export class AnnotationService {
  readonly #store: Store;

  constructor(options: { store: Store }) {
    this.#store = options.store;
  }

  async createQueue(actor: Actor, input: { name: string; schema: unknown; filter?: TraceFilter; annotators?: string[]; perItem?: number }): Promise<QueueRecord> {
    const parsed = ScoreSchemaSchema.safeParse(input.schema);
    if (!parsed.success) throw new StewardError({ code: 'VALIDATION_FAILED', message: `invalid score schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    const filter = input.filter ?? {};
    const annotators = input.annotators ?? [];
    const perItem = Math.max(1, Math.min(input.perItem ?? 1, Math.max(annotators.length, 1)));
    const db = this.#store.db;
    let q = db.selectFrom('traces').select('traces.id').where('traces.project_id', '=', actor.projectId).orderBy('traces.created_at', 'desc').limit(filter.limit ?? 500);
    if (filter.route) q = q.where('traces.route', '=', filter.route);
    if (filter.model) q = q.where((eb) => eb.or([eb('traces.version_id', '=', filter.model as string), eb('traces.model', '=', filter.model as string)]));
    if (filter.status) q = q.where('traces.status', '=', filter.status);
    if (filter.from !== undefined) q = q.where('traces.created_at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('traces.created_at', '<', filter.to);
    if (filter.thumb) q = q.where((eb) => eb.exists(eb.selectFrom('feedback').select('feedback.id').whereRef('feedback.trace_id', '=', 'traces.id').where('feedback.thumb', '=', filter.thumb as string)));
    const traces = await q.execute();
    const id = newId('aq');
    const now = Date.now();
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('annotation_queues').values({ id, project_id: actor.projectId, name: input.name, schema_json: JSON.stringify(parsed.data), filter_json: JSON.stringify(filter), annotators_json: JSON.stringify(annotators), per_item: perItem, created_at: now }).execute();
        const rows = traces.map((t, position) => ({ queue_id: id, trace_id: t.id, position, assigned_json: JSON.stringify(annotators.length ? Array.from({ length: perItem }, (_, k) => annotators[(position * perItem + k) % annotators.length]) : []) }));
        for (let i = 0; i < rows.length; i += 200) await tx.insertInto('annotation_items').values(rows.slice(i, i + 200)).execute();
        await recordAudit(tx, { actor, action: 'annotation.queue.create', resourceType: 'annotation_queue', resourceId: id, after: { name: input.name, filter, items: rows.length } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'ALREADY_EXISTS', message: `an annotation queue named ${input.name} already exists` });
      throw error;
    }
    return this.getQueue(actor.projectId, id);
  }

  async getQueue(projectId: string, idOrName: string): Promise<QueueRecord> {
    const db = this.#store.db;
    const row = await db.selectFrom('annotation_queues').selectAll().where('project_id', '=', projectId).where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])).executeTakeFirst();
    if (!row) throw new StewardError({ code: 'ANNOTATION_QUEUE_NOT_FOUND', message: `no annotation queue ${idOrName}` });
    const items = await db.selectFrom('annotation_items').select((eb) => eb.fn.countAll().as('n')).where('queue_id', '=', row.id).executeTakeFirstOrThrow();
    const annotated = await db.selectFrom('annotations').select((eb) => eb.fn.count('trace_id').distinct().as('n')).where('queue_id', '=', row.id).executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, schema: fromJsonColumn(row.schema_json, { fields: [] }), filter: fromJsonColumn(row.filter_json, {}), annotators: fromJsonColumn(row.annotators_json, []), perItem: Number(row.per_item), items: Number(items.n), annotated: Number(annotated.n), createdAt: new Date(Number(row.created_at)).toISOString() };
  }

  async listQueues(projectId: string): Promise<QueueRecord[]> {
    const rows = await this.#store.db.selectFrom('annotation_queues').select('id').where('project_id', '=', projectId).orderBy('name').execute();
    return Promise.all(rows.map((r) => this.getQueue(projectId, r.id)));
  }

  /** The next item for this annotator: assigned to them (or to anyone) and not yet annotated by them. */
  async next(actor: Actor, queue: string): Promise<QueueItem | null> {
    const q = await this.getQueue(actor.projectId, queue);
    const me = actor.id ?? actor.name;
    const items = await this.#store.db
      .selectFrom('annotation_items')
      .leftJoin('annotations', (join) => join.onRef('annotations.queue_id', '=', 'annotation_items.queue_id').onRef('annotations.trace_id', '=', 'annotation_items.trace_id').on('annotations.annotator', '=', me))
      .select(['annotation_items.trace_id as trace_id', 'annotation_items.position as position', 'annotation_items.assigned_json as assigned_json'])
      .where('annotation_items.queue_id', '=', q.id)
      .where('annotations.id', 'is', null)
      .orderBy('annotation_items.position')
      .execute();
    const item = items.find((i) => {
      const assigned = fromJsonColumn<string[]>(i.assigned_json, []);
      return assigned.length === 0 || assigned.includes(me);
    });
    if (!item) return null;
    const trace = await this.#store.db.selectFrom('traces').select(['request_json', 'response_json']).where('id', '=', item.trace_id).executeTakeFirst();
    return { traceId: item.trace_id, position: Number(item.position), request: fromJsonColumn(trace?.request_json, null), response: fromJsonColumn(trace?.response_json, null) };
  }

  async annotate(actor: Actor, queue: string, traceId: string, values: Record<string, unknown>): Promise<{ id: string; values: AnnotationValues }> {
    const q = await this.getQueue(actor.projectId, queue);
    const item = await this.#store.db.selectFrom('annotation_items').select('assigned_json').where('queue_id', '=', q.id).where('trace_id', '=', traceId).executeTakeFirst();
    if (!item) throw new StewardError({ code: 'NOT_FOUND', message: `trace ${traceId} is not in queue ${q.name}` });
    const me = actor.id ?? actor.name;
    const assigned = fromJsonColumn<string[]>(item.assigned_json, []);
    if (assigned.length && !assigned.includes(me) && !roleAllows(actor.role, 'admin')) throw new StewardError({ code: 'FORBIDDEN', message: `this item is assigned to other annotators` });
    const valid = validateAnnotation(q.schema, values);
    const id = newId('ann');
    try {
      await this.#store.db.insertInto('annotations').values({ id, queue_id: q.id, trace_id: traceId, annotator: me, values_json: JSON.stringify(valid), created_at: Date.now() }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'CONFLICT', message: `you already annotated trace ${traceId} in ${q.name}` });
      throw error;
    }
    return { id, values: valid };
  }

  /** Agreement per field: Krippendorff's alpha (nominal, or interval for numeric fields), Cohen's kappa for two annotators. */
  async agreement(projectId: string, queue: string): Promise<FieldAgreement[]> {
    const q = await this.getQueue(projectId, queue);
    const rows = await this.#store.db.selectFrom('annotations').select(['trace_id', 'annotator', 'values_json']).where('queue_id', '=', q.id).execute();
    const annotators = [...new Set(rows.map((r) => r.annotator))].sort();
    const traces = [...new Set(rows.map((r) => r.trace_id))];
    const byKey = new Map(rows.map((r) => [`${r.trace_id}\u0000${r.annotator}`, fromJsonColumn<AnnotationValues>(r.values_json, {})]));
    // Free text (corrections, notes) has no agreement measure: only scored fields are compared.
    return q.schema.fields.filter((field) => field.type !== 'text').map((field) => {
      const table = traces.map((t) => annotators.map((a) => {
        const v = byKey.get(`${t}\u0000${a}`)?.[field.name];
        return v === undefined ? undefined : typeof v === 'boolean' ? String(v) : v;
      }));
      const items = table.filter((row) => row.filter((v) => v !== undefined).length >= 2).length;
      const kappa = annotators.length === 2 && field.type !== 'numeric' ? cohensKappa(table.map((r) => (r[0] === undefined ? undefined : String(r[0]))), table.map((r) => (r[1] === undefined ? undefined : String(r[1])))) : null;
      return { field: field.name, items, alpha: krippendorffAlpha(table, field.type === 'numeric' ? 'interval' : 'nominal'), cohensKappa: kappa };
    });
  }
}
