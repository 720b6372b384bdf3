// Reading traces back: one by id (with its feedback) or pages filtered by route, model, status, key
// and time range, newest first, with a cursor (trace ids sort by time). Every read is within one project.
import { notFound } from '../../errors/index.js';
import type { Store, TracesTable } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import type { TraceAttempt, TraceEndpoint, TraceRecord, TraceStatus, TraceSurface } from './trace-record.js';

/** A trace as the API shows it: the stored record with an ISO time and the user's pseudonym as `user`. */
export type TraceView = Omit<TraceRecord, 'projectId' | 'createdAt' | 'userPseudonym'> & {
  createdAt: string;
  user: string | null;
};

export interface TraceQuery {
  route?: string;
  /** Matches the requested model or the upstream model. */
  model?: string;
  status?: TraceStatus;
  keyId?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** next_cursor of the previous page. */
  cursor?: string;
  limit?: number;
  /** Leave bodies out of listings (default true). */
  withoutBodies?: boolean;
}

export function toTraceView(row: TracesTable, withBodies = true): TraceView {
  return {
    id: row.id,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    endpoint: row.endpoint as TraceEndpoint,
    surface: row.surface ? { name: row.surface as TraceSurface, translated: Number(row.surface_translated) === 1 } : null,
    requestedModel: row.requested_model,
    route: row.route,
    routeRevision: row.route_revision === null ? null : Number(row.route_revision),
    provider: row.provider,
    model: row.model,
    versionId: row.version_id,
    promptVersionId: row.prompt_version_id,
    status: row.status as TraceStatus,
    httpStatus: Number(row.http_status),
    errorCode: row.error_code,
    errorMessage: row.error_message,
    stream: Number(row.stream) === 1,
    cacheHit: Number(row.cache_hit) === 1,
    keyId: row.key_id,
    user: row.user_pseudonym,
    batchId: row.batch_id,
    tokensIn: Number(row.tokens_in),
    tokensOut: Number(row.tokens_out),
    costUsd: Number(row.cost_usd),
    ttftMs: row.ttft_ms === null ? null : Number(row.ttft_ms),
    latencyMs: Number(row.latency_ms),
    overheadMs: row.overhead_ms === null ? null : Number(row.overhead_ms),
    attempts: fromJsonColumn<TraceAttempt[]>(row.attempts_json, []),
    request: withBodies ? fromJsonColumn(row.request_json, null) : undefined,
    response: withBodies ? fromJsonColumn(row.response_json, null) : undefined,
  };
}

export class TraceService {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** A trace of the project; another project's trace is NOT_FOUND like an unknown one. @throws NOT_FOUND */
  async get(projectId: string, id: string): Promise<TraceView> {
    const row = await this.#store.db.selectFrom('traces').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`trace ${id}`);
    return toTraceView(row);
  }

  async exists(projectId: string, id: string): Promise<boolean> {
    const row = await this.#store.db.selectFrom('traces').select('id').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  async list(projectId: string, query: TraceQuery): Promise<{ data: TraceView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    let q = this.#store.db.selectFrom('traces').selectAll().where('project_id', '=', projectId).orderBy('id', 'desc').limit(limit + 1);
    if (query.route) q = q.where('route', '=', query.route);
    if (query.model) {
      const model = query.model;
      q = q.where((eb) => eb.or([eb('requested_model', '=', model), eb('model', '=', model)]));
    }
    if (query.status) q = q.where('status', '=', query.status);
    if (query.keyId) q = q.where('key_id', '=', query.keyId);
    if (query.from !== undefined) q = q.where('created_at', '>=', query.from);
    if (query.to !== undefined) q = q.where('created_at', '<', query.to);
    if (query.cursor) q = q.where('id', '<', query.cursor);
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    return {
      data: page.map((row) => toTraceView(row, query.withoutBodies === false)),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
