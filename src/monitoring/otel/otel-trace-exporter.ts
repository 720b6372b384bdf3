// Exports Steward's traces as OpenTelemetry spans to any OTLP/HTTP collector, following the GenAI
// semantic conventions (gen_ai.operation.name, gen_ai.provider.name, gen_ai.request.model,
// gen_ai.usage.*). It reads traces incrementally by its own cursor off the request path, so a
// slow or absent collector never slows the gateway; one replica exports at a time (lease).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { BasicTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Store, TracesTable } from '../../store/index.js';
import { PeriodicTask } from '../../scheduling/index.js';
import { acquireLease } from '../rollups/index.js';

export interface OtelTraceExporterOptions {
  store: Store;
  /** Collector base URL (OTEL_EXPORTER_OTLP_ENDPOINT); `/v1/traces` is appended. */
  endpoint?: string;
  headers?: Record<string, string>;
  /** Another exporter (tests, JSON); defaults to OTLP/HTTP protobuf. */
  exporter?: SpanExporter;
  intervalMs: number;
  serviceName?: string;
  batchSize?: number;
}

// The OpenTelemetry SDK is required when an exporter is made, not at import: it costs about half a
// second of start-up that only installations exporting to a collector need.
const require = createRequire(import.meta.url);
const otel = () => ({
  api: require('@opentelemetry/api') as typeof import('@opentelemetry/api'),
  proto: require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto'),
  resources: require('@opentelemetry/resources') as typeof import('@opentelemetry/resources'),
  sdk: require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base'),
});

const CURSOR = 'otel.export';
const LEASE = 'otel-export';

const OPERATION: Record<string, string> = { chat: 'chat', completions: 'text_completion', embeddings: 'embeddings' };

/** The GenAI semantic-convention attributes of one trace row. */
export function genAiAttributes(row: TracesTable): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {
    'gen_ai.operation.name': OPERATION[row.endpoint] ?? row.endpoint,
    'gen_ai.request.model': row.requested_model,
    'gen_ai.usage.input_tokens': Number(row.tokens_in),
    'gen_ai.usage.output_tokens': Number(row.tokens_out),
    'steward.trace_id': row.id,
    'steward.cache_hit': Number(row.cache_hit) === 1,
    'steward.cost_usd': Number(row.cost_usd),
  };
  if (row.provider) {
    attributes['gen_ai.provider.name'] = row.provider;
    attributes['gen_ai.system'] = row.provider;
  }
  if (row.model) attributes['gen_ai.response.model'] = row.model;
  if (row.route) attributes['steward.route'] = row.route;
  if (row.version_id) attributes['steward.model_version_id'] = row.version_id;
  if (row.ttft_ms !== null) attributes['gen_ai.server.time_to_first_token'] = Number(row.ttft_ms) / 1000;
  if (row.status !== 'ok') attributes['error.type'] = row.error_code ?? String(row.http_status);
  return attributes;
}

export class OtelTraceExporter {
  readonly #o: OtelTraceExporterOptions;
  readonly #provider: BasicTracerProvider;
  readonly #owner = `otel-${randomBytes(6).toString('hex')}`;
  readonly #api: typeof import('@opentelemetry/api');
  #task: PeriodicTask | undefined;

  constructor(options: OtelTraceExporterOptions) {
    this.#o = options;
    const { api, proto, resources, sdk } = otel();
    this.#api = api;
    const exporter = options.exporter ?? new proto.OTLPTraceExporter({ url: `${(options.endpoint ?? '').replace(/\/+$/, '')}/v1/traces`, headers: options.headers });
    this.#provider = new sdk.BasicTracerProvider({
      resource: resources.resourceFromAttributes({ 'service.name': options.serviceName ?? 'steward' }),
      spanProcessors: [new sdk.BatchSpanProcessor(exporter, { scheduledDelayMillis: 500 })],
    });
  }

  start(onError: (error: unknown) => void = () => {}): void {
    this.#task ??= new PeriodicTask({ intervalMs: this.#o.intervalMs, run: () => this.exportOnce(), onError });
    this.#task.start();
  }

  async close(): Promise<void> {
    await this.#task?.stop();
    await this.#provider.shutdown();
  }

  /** Exports traces written since the last pass and flushes them to the collector; returns how many. */
  async exportOnce(now = Date.now()): Promise<number> {
    const db = this.#o.store.db;
    if (!(await acquireLease(db, LEASE, this.#owner, 60_000, now))) return 0;
    const cursor = await db.selectFrom('monitoring_cursors').selectAll().where('name', '=', CURSOR).executeTakeFirst();
    const at = cursor ? Number(cursor.at) : 0;
    const lastId = cursor?.last_id ?? '';
    const rows = await db
      .selectFrom('traces')
      .selectAll()
      .where((eb) => eb.or([eb('created_at', '>', at), eb.and([eb('created_at', '=', at), eb('id', '>', lastId)])]))
      // Ingested OTLP spans are not sent back out.
      .where((eb) => eb.or([eb('request_json', 'is', null), eb('request_json', 'not like', '{"source":"otlp"%')]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(this.#o.batchSize ?? 1000)
      .execute();
    if (rows.length === 0) return 0;
    const tracer = this.#provider.getTracer('steward', '0.1.0');
    for (const row of rows) {
      const operation = OPERATION[row.endpoint] ?? row.endpoint;
      const start = Number(row.created_at);
      const span = tracer.startSpan(`${operation} ${row.requested_model}`, { kind: this.#api.SpanKind.CLIENT, startTime: start, attributes: genAiAttributes(row) });
      if (row.status !== 'ok') span.setStatus({ code: this.#api.SpanStatusCode.ERROR, message: row.error_message ?? undefined });
      span.end(start + Number(row.latency_ms));
    }
    await this.#provider.forceFlush();
    const last = rows[rows.length - 1];
    const updated = await db.updateTable('monitoring_cursors').set({ at: Number(last.created_at), last_id: last.id, updated_at: now }).where('name', '=', CURSOR).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await db.insertInto('monitoring_cursors').values({ name: CURSOR, at: Number(last.created_at), last_id: last.id, updated_at: now }).execute();
    return rows.length;
  }
}
