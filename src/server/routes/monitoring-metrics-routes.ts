// Metrics from roll-ups: time series per route, model version and key; the list of metrics; manual
// runs of the roll-up and retention jobs; and nested span trees of ingested traces.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../errors/index.js';
import { ROLLUP_METRICS } from '../../monitoring/rollups/index.js';
import { spanTree } from '../../monitoring/otel/index.js';
import { assertKnownMetric } from '../../monitoring/alerting-service/known-metrics.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import { BreakdownQuerySchema, BreakdownSchema, TimeseriesQuerySchema, TimeseriesSchema } from '../../contracts/metrics-contract.js';
import { MetadataSchema } from '../../contracts/json-contract.js';
import type { RouteModule } from './route-module.js';

function parseTime(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) throw invalid(`${name} must be epoch milliseconds or an ISO 8601 time`);
  return value;
}

const SpanNodeSchema: z.ZodType = z.lazy(() =>
  z.object({
    traceId: z.string(),
    spanId: z.string(),
    parentSpanId: z.string().nullable(),
    name: z.string(),
    kind: z.string(),
    operation: z.string().nullable(),
    model: z.string().nullable(),
    startMs: z.number(),
    endMs: z.number(),
    status: z.string(),
    /** OpenTelemetry attributes as the instrumented application set them: its own keys. */
    attributes: MetadataSchema,
    stewardTraceId: z.string().nullable(),
    children: z.array(SpanNodeSchema),
  }),
).meta({ id: 'SpanNode' });

export const monitoringMetricsRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];
  const metrics = services.monitoring.metrics;

  app.get('/api/metrics/timeseries', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'A metric over time from roll-ups (latency_p95, error_rate, cost_usd, feedback_score, drift statistics…)',
      querystring: TimeseriesQuerySchema,
      response: { 200: TimeseriesSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const q = request.query;
    const to = parseTime('to', q.to, Date.now());
    const from = parseTime('from', q.from, to - (q.step === 'hour' ? 7 * 86_400_000 : 3_600_000));
    // A metric the project never has is a typo: 400 with the closest names, not an empty series.
    await assertKnownMetric(services.store.db, actorOf(request).projectId, q.metric);
    const points = await metrics.timeseries({ projectId: actorOf(request).projectId, metric: q.metric, step: q.step, from, to, route: q.route, model: q.model, key: q.key });
    return { metric: q.metric, step: q.step, from: new Date(from).toISOString(), to: new Date(to).toISOString(), data: points.map((p) => ({ t: new Date(p.t).toISOString(), value: p.value })) };
  });

  app.get('/api/metrics/breakdown', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Requests, errors, latency, tokens and cost over a range, one row per route or per model (one read of the roll-ups)', querystring: BreakdownQuerySchema, response: { 200: BreakdownSchema, ...ERROR_RESPONSES } },
  }, async (request) => {
    const q = request.query;
    const to = parseTime('to', q.to, Date.now());
    const from = parseTime('from', q.from, to - (q.step === 'hour' ? 7 * 86_400_000 : 3_600_000));
    const data = await metrics.breakdown({ projectId: actorOf(request).projectId, by: q.by, step: q.step, from, to });
    return { by: q.by, step: q.step, from: new Date(from).toISOString(), to: new Date(to).toISOString(), data };
  });

  app.get('/api/metrics', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Metrics computed from roll-ups (others come from recorded points such as drift)', response: { 200: listOf(z.string()), ...ERROR_RESPONSES } },
  }, async () => ({ data: [...ROLLUP_METRICS] }));

  // Both jobs span every project: they are the instance owner's.
  app.post('/api/metrics/rollups/run', {
    config: { role: 'owner' },
    schema: { tags, summary: 'Run the roll-up worker now (it also runs on its interval)', response: { 200: z.object({ ran: z.boolean(), traces: z.number(), feedback: z.number() }), ...ERROR_RESPONSES } },
  }, async () => metrics.runRollups());

  app.post('/api/metrics/retention/run', {
    config: { role: 'owner' },
    schema: {
      tags,
      summary: 'Delete traces older than the retention period now (roll-ups are kept), and the data of deleted projects past their grace period',
      response: { 200: z.object({ traces: z.number(), feedback: z.number(), spans: z.number(), projects: z.number() }), ...ERROR_RESPONSES },
    },
  }, async () => metrics.runRetention());

  app.get('/api/spans/:traceId', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The spans of an ingested trace as a tree', params: z.object({ traceId: z.string().min(1) }), response: { 200: listOf(SpanNodeSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await spanTree(services.store, actorOf(request).projectId, request.params.traceId.toLowerCase()) }));
};
