// OTLP/HTTP trace ingest: decodes a request with the pure decoder, stores every span (nested
// retrieval and tool spans keep their parent ids) and, for GenAI LLM spans, a trace row the
// dashboard and the roll-ups read. All of a request or nothing: a malformed payload stores nothing.
import type { Actor } from '../../governance/index.js';
import type { SpansTable, Store, TracesTable } from '../../store/index.js';
import { newId, toJsonColumn } from '../../store/index.js';
import { type OtlpSpan, decodeOtlpTraces, isGenAiSpan, mapGenAiAttributes } from '../otlp/index.js';

export interface IngestResult {
  spans: number;
  traces: number;
}

/** Operations that are model calls (and so become trace rows); tools, agents and retrieval stay spans. */
const LLM_OPERATIONS = new Set(['chat', 'text_completion', 'embeddings', 'generate_content']);

const nanosToMs = (nanos: string): number => Number(BigInt(nanos) / 1_000_000n);

export class OtlpIngest {
  readonly #store: Store;
  readonly #maxSpans: number;

  constructor(options: { store: Store; maxSpans?: number }) {
    this.#store = options.store;
    this.#maxSpans = options.maxSpans ?? 10_000;
  }

  /** Decodes and stores one export request; throws (nothing stored) when the body is not valid OTLP. */
  async ingest(actor: Actor, body: Uint8Array | string, contentType: string | undefined): Promise<IngestResult> {
    const spans = decodeOtlpTraces(body, contentType, { maxSpans: this.#maxSpans });
    const now = Date.now();
    const spanRows: SpansTable[] = [];
    const traceRows: TracesTable[] = [];
    for (const span of spans) {
      const genAi = isGenAiSpan(span.attributes) ? mapGenAiAttributes(span.attributes) : undefined;
      let stewardTraceId: string | null = null;
      if (genAi?.operation && LLM_OPERATIONS.has(genAi.operation)) {
        stewardTraceId = newId('trace');
        traceRows.push(traceRow(stewardTraceId, actor, span, genAi));
      }
      const service = span.resourceAttributes['service.name'];
      spanRows.push({
        trace_id: span.traceId,
        span_id: span.spanId,
        parent_span_id: span.parentSpanId,
        project_id: actor.projectId,
        name: span.name,
        kind: span.kind,
        start_ms: nanosToMs(span.startTimeUnixNano),
        end_ms: nanosToMs(span.endTimeUnixNano),
        status_code: span.status.code,
        status_message: span.status.message || null,
        service_name: typeof service === 'string' ? service : null,
        operation: genAi?.operation ?? (typeof span.attributes['openinference.span.kind'] === 'string' ? String(span.attributes['openinference.span.kind']).toLowerCase() : null),
        model: genAi?.model ?? null,
        attributes_json: JSON.stringify(span.attributes),
        events_json: span.events.length ? toJsonColumn(span.events) : null,
        steward_trace_id: stewardTraceId,
        received_at: now,
      });
    }
    await this.#store.transaction(async (tx) => {
      for (const row of spanRows) {
        // A span sent twice (an exporter retry) replaces the earlier copy: the project's own, never another's.
        await tx.deleteFrom('spans').where('project_id', '=', row.project_id).where('trace_id', '=', row.trace_id).where('span_id', '=', row.span_id).execute();
        await tx.insertInto('spans').values(row).execute();
      }
      for (const row of traceRows) await tx.insertInto('traces').values(row).execute();
    });
    return { spans: spanRows.length, traces: traceRows.length };
  }
}

function traceRow(id: string, actor: Actor, span: OtlpSpan, g: ReturnType<typeof mapGenAiAttributes>): TracesTable {
  const failed = span.status.code === 'error';
  return {
    id,
    project_id: actor.projectId,
    created_at: nanosToMs(span.startTimeUnixNano),
    endpoint: g.operation === 'embeddings' ? 'embeddings' : g.operation === 'text_completion' ? 'completions' : 'chat',
    requested_model: g.model ?? span.name,
    route: null,
    route_revision: null,
    provider: g.provider ?? null,
    model: g.responseModel ?? g.model ?? null,
    version_id: null,
    prompt_version_id: null,
    status: failed ? 'error' : 'ok',
    http_status: failed ? 500 : 200,
    error_code: failed ? 'UPSTREAM_ERROR' : null,
    error_message: failed ? span.status.message || 'span status error' : null,
    stream: 0,
    cache_hit: 0,
    key_id: actor.id,
    user_pseudonym: null,
    batch_id: null,
    tokens_in: g.inputTokens ?? 0,
    tokens_out: g.outputTokens ?? 0,
    cost_usd: 0,
    ttft_ms: null,
    latency_ms: span.durationMs,
    overhead_ms: null,
    attempts_json: '[]',
    request_json: JSON.stringify({ source: 'otlp', traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId, name: span.name }),
    response_json: g.finishReasons ? JSON.stringify({ finishReasons: g.finishReasons, responseId: g.responseId ?? null }) : null,
  };
}

/** A stored span with its children, for nested retrieval. */
export interface SpanNode {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  operation: string | null;
  model: string | null;
  startMs: number;
  endMs: number;
  status: string;
  attributes: Record<string, unknown>;
  stewardTraceId: string | null;
  children: SpanNode[];
}

/** The spans of one trace as a tree (children by start time, then end time: spans start within the same millisecond often). */
export async function spanTree(store: Store, projectId: string, traceId: string): Promise<SpanNode[]> {
  const rows = await store.db.selectFrom('spans').selectAll().where('project_id', '=', projectId).where('trace_id', '=', traceId).orderBy('start_ms').orderBy('end_ms').orderBy('span_id').execute();
  const nodes = new Map<string, SpanNode>(
    rows.map((r) => [
      r.span_id,
      { traceId: r.trace_id, spanId: r.span_id, parentSpanId: r.parent_span_id, name: r.name, kind: r.kind, operation: r.operation, model: r.model, startMs: Number(r.start_ms), endMs: Number(r.end_ms), status: r.status_code, attributes: JSON.parse(r.attributes_json) as Record<string, unknown>, stewardTraceId: r.steward_trace_id, children: [] },
    ]),
  );
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentSpanId ? nodes.get(node.parentSpanId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
