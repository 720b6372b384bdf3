// Reads of the gateway's traces, feedback and annotations for curation: chat traces in a window
// (optionally only those with a given thumb), feedback joined with its trace, and an annotation
// queue's annotations joined with theirs.
import { z } from 'zod';
import { THUMBS } from '../../feedback/feedback-service.js';
import type { Db } from '../../store/index.js';
import type { AnnotatedTrace } from './annotation-items.js';
import type { FeedbackRecord } from './feedback-items.js';
import type { TraceRecord } from './trace-items.js';

export const TraceFilterSchema = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    /** The model name clients asked for (a route, provider/model…). */
    requestedModel: z.string().min(1).optional(),
    route: z.string().min(1).optional(),
    /** Only traces whose status is this (default `ok`). */
    status: z.string().min(1).default('ok'),
    /** Only traces with feedback of this thumb. */
    thumb: z.enum(THUMBS).optional(),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .strict();
export type TraceFilter = z.infer<typeof TraceFilterSchema>;

const TRACE_COLUMNS = ['t.id', 't.created_at', 't.endpoint', 't.requested_model', 't.route', 't.model', 't.request_json', 't.response_json'] as const;

export async function selectTraces(db: Db, projectId: string, filter: TraceFilter): Promise<TraceRecord[]> {
  let query = db
    .selectFrom('traces as t')
    .select([...TRACE_COLUMNS])
    .where('t.endpoint', '=', 'chat')
    .where('t.status', '=', filter.status)
    .where('t.project_id', '=', projectId)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(filter.limit);
  if (filter.since) query = query.where('t.created_at', '>=', Date.parse(filter.since));
  if (filter.until) query = query.where('t.created_at', '<', Date.parse(filter.until));
  if (filter.requestedModel) query = query.where('t.requested_model', '=', filter.requestedModel);
  if (filter.route) query = query.where('t.route', '=', filter.route);
  if (filter.thumb) {
    const thumb = filter.thumb;
    query = query.where((eb) => eb.exists(eb.selectFrom('feedback as f').select('f.id').whereRef('f.trace_id', '=', 't.id').where('f.thumb', '=', thumb)));
  }
  return query.execute();
}

export async function selectFeedback(db: Db, projectId: string, filter: Omit<TraceFilter, 'thumb' | 'status'>): Promise<{ feedback: FeedbackRecord; trace: TraceRecord }[]> {
  let query = db
    .selectFrom('feedback as f')
    .innerJoin('traces as t', 't.id', 'f.trace_id')
    .select([...TRACE_COLUMNS, 'f.id as feedback_id', 'f.created_at as feedback_at', 'f.thumb', 'f.rating', 'f.correction'])
    .where('t.project_id', '=', projectId)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .limit(filter.limit);
  if (filter.since) query = query.where('f.created_at', '>=', Date.parse(filter.since));
  if (filter.until) query = query.where('f.created_at', '<', Date.parse(filter.until));
  if (filter.requestedModel) query = query.where('t.requested_model', '=', filter.requestedModel);
  if (filter.route) query = query.where('t.route', '=', filter.route);
  const rows = await query.execute();
  return rows.map((row) => ({
    feedback: { id: row.feedback_id, trace_id: row.id, created_at: Number(row.feedback_at), thumb: row.thumb, rating: row.rating === null ? null : Number(row.rating), correction: row.correction },
    trace: { id: row.id, created_at: Number(row.created_at), endpoint: row.endpoint, requested_model: row.requested_model, route: row.route, model: row.model, request_json: row.request_json, response_json: row.response_json },
  }));
}

/** An annotation queue's score schema and its annotations joined with their traces, oldest first; undefined when the project has no such queue. */
export async function selectAnnotations(db: Db, projectId: string, queue: string): Promise<{ id: string; name: string; schemaJson: string; rows: AnnotatedTrace[] } | undefined> {
  const found = await db.selectFrom('annotation_queues').select(['id', 'name', 'schema_json']).where('project_id', '=', projectId).where((eb) => eb.or([eb('id', '=', queue), eb('name', '=', queue)])).executeTakeFirst();
  if (!found) return undefined;
  const rows = await db
    .selectFrom('annotations as a')
    .innerJoin('traces as t', 't.id', 'a.trace_id')
    .select([...TRACE_COLUMNS, 'a.id as annotation_id', 'a.annotator', 'a.values_json', 'a.created_at as annotated_at'])
    .where('a.queue_id', '=', found.id)
    .where('t.project_id', '=', projectId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return {
    id: found.id,
    name: found.name,
    schemaJson: found.schema_json,
    rows: rows.map((row) => ({
      annotation: { id: row.annotation_id, annotator: row.annotator, createdAt: Number(row.annotated_at), values: JSON.parse(row.values_json) as Record<string, unknown> },
      trace: { id: row.id, created_at: Number(row.created_at), endpoint: row.endpoint, requested_model: row.requested_model, route: row.route, model: row.model, request_json: row.request_json, response_json: row.response_json },
    })),
  };
}
