// Evaluations: runs (create, progress, results, cancel, resume, re-score), comparisons, gates and
// their results, and the leaderboard of a dataset.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MetricEntrySchema, RUN_STATUSES, RunSpecSchema } from '../../evals/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const RunSchema = z.object({
  id: z.string(),
  name: z.string(),
  projectId: z.string(),
  datasetId: z.string(),
  datasetVersionId: z.string(),
  target: z.string(),
  model: z.object({ name: z.string(), version: z.string() }).nullable(),
  prompt: z.unknown(),
  metrics: z.array(z.object({ metric: z.string(), name: z.string().optional(), config: z.unknown().optional() })),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(RUN_STATUSES),
  progress: z.object({ total: z.number(), completed: z.number(), failed: z.number(), percent: z.number() }),
  summary: z.unknown(),
  error: z.string().nullable(),
  rescoredFrom: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});

const ItemResultSchema = z.object({
  itemId: z.string(),
  position: z.number(),
  output: z.string().nullable(),
  latencyMs: z.number().nullable(),
  usage: z.unknown(),
  costUsd: z.number().nullable(),
  callError: z.string().nullable(),
  scores: z.record(z.string(), z.unknown()),
});

const RuleOutcomeSchema = z.object({ rule: z.string(), passed: z.boolean(), actual: z.number().nullable(), reason: z.string(), details: z.record(z.string(), z.unknown()).optional() });
const GateEvaluationSchema = z.object({ id: z.string(), runId: z.string(), gate: z.string(), passed: z.boolean(), rules: z.array(RuleOutcomeSchema), baselineRunId: z.string().nullable(), createdAt: z.string() });
const GateSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), dataset: z.string().nullable(), rules: z.array(z.string()), maxErrorRate: z.number(), createdAt: z.string(), updatedAt: z.string() });
const MaxErrorRate = z.number().min(0).max(1).describe('Share of errored items (call or metric error) tolerated; default 0: a single error fails the gate');

export const evalRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const evals = services.evals;
  const tags = ['evals'];

  app.post('/api/evals/runs', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Start an evaluation run: dataset version × target × optional prompt × metrics',
      description:
        'Everything the run depends on is validated here, before any model call: metrics and their configurations, the gates (inline rules must parse and name a metric of the run; named gates must exist), the target, a judge\'s model and the embedding model (they must resolve), and the dataset version. Each refusal is a 400 whose details.field names the bad part. The run executes in the background; poll GET /api/evals/runs/{id}. Its status ends as completed, completed_with_errors (some call or metric errored) or failed.',
      body: RunSpecSchema,
      response: { 201: RunSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await evals.createRun(actorOf(request), request.body)));

  app.get('/api/evals/runs', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'List evaluation runs, newest first',
      querystring: z.object({ dataset: z.string().optional(), status: z.enum(RUN_STATUSES).optional(), target: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: listOf(RunSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await evals.listRuns(actorOf(request).projectId, request.query) }));

  app.get('/api/evals/runs/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'A run with its progress and, once finished, its aggregates', params: IdParamsSchema, response: { 200: RunSchema, ...ERROR_RESPONSES } },
  }, async (request) => evals.getRun(actorOf(request).projectId, request.params.id));

  app.get('/api/evals/runs/:id/summary', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Aggregates per metric with bootstrap confidence intervals (live while running)', params: IdParamsSchema, response: { 200: z.record(z.string(), z.unknown()), ...ERROR_RESPONSES } },
  }, async (request) => evals.summary(actorOf(request).projectId, request.params.id) as unknown as Promise<Record<string, unknown>>);

  app.get('/api/evals/runs/:id/results', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Per-item results in dataset order: output, latency, usage, cost, call error and every metric result',
      params: IdParamsSchema,
      querystring: z.object({ cursor: z.string().regex(/^\d+$/).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100), errorsOnly: z.stringbool().default(false) }),
      response: { 200: pageOf(ItemResultSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { cursor, limit, errorsOnly } = request.query;
    const page = await evals.results(actorOf(request).projectId, request.params.id, { after: cursor ? Number(cursor) : undefined, limit, errorsOnly });
    return { data: page, next_cursor: page.length === limit ? String(page[page.length - 1].position) : null };
  });

  app.post('/api/evals/runs/:id/cancel', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Cancel a queued or running run (finished items are kept)', params: IdParamsSchema, response: { 200: RunSchema, ...ERROR_RESPONSES } },
  }, async (request) => evals.cancel(actorOf(request), request.params.id));

  app.post('/api/evals/runs/:id/resume', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Resume a cancelled or failed run without calling the model again for finished items',
      params: IdParamsSchema,
      body: z.object({ retryFailed: z.boolean().default(false).describe('Also re-run items whose model call failed') }).strict().prefault({}),
      response: { 200: RunSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => evals.resume(actorOf(request), request.params.id, request.body));

  app.post('/api/evals/runs/:id/rescore', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'A new run scoring this run’s stored outputs with other metrics: the target model is not called',
      params: IdParamsSchema,
      body: z.object({ metrics: z.array(MetricEntrySchema).min(1).max(50), name: z.string().max(200).optional() }).strict(),
      response: { 201: RunSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await evals.rescore(actorOf(request), request.params.id, request.body)));

  app.get('/api/evals/compare', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Paired comparison of two runs on the same dataset version: difference (b − a) per metric with CI and p-value, and the items that regressed',
      querystring: z.object({ a: z.string().min(1), b: z.string().min(1), alpha: z.coerce.number().gt(0).lt(1).default(0.05), regressionThreshold: z.coerce.number().min(0).default(0) }),
      response: { 200: z.record(z.string(), z.unknown()), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { a, b, alpha, regressionThreshold } = request.query;
    return (await evals.compare(actorOf(request).projectId, a, b, { alpha, regressionThreshold })) as unknown as Record<string, unknown>;
  });

  app.get('/api/datasets/:name/leaderboard', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'The latest completed run per target, model version and prompt on a dataset, best first',
      params: z.object({ name: z.string().min(1) }),
      querystring: z.object({ version: z.string().optional(), metric: z.string().optional() }),
      response: { 200: z.object({ dataset: z.string(), metric: z.string().nullable(), entries: z.array(z.record(z.string(), z.unknown())) }), ...ERROR_RESPONSES },
    },
  }, async (request) => (await evals.leaderboard(actorOf(request).projectId, request.params.name, request.query)) as unknown as { dataset: string; metric: string | null; entries: Record<string, unknown>[] });

  app.get('/api/evals/gates', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List named gates', response: { 200: listOf(GateSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await evals.gates.list(actorOf(request).projectId) }));

  app.put('/api/evals/gates/:name', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create or replace a named gate (rules such as "accuracy >= 0.8", "toxicity_rate <= 0.01", "no significant regression vs production")',
      params: z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i) }),
      body: z.object({ rules: z.array(z.string().min(1)).min(1).max(50), dataset: z.string().min(1).nullable().optional(), description: z.string().max(2000).optional(), maxErrorRate: MaxErrorRate.optional() }).strict(),
      response: { 200: GateSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => evals.gates.put(actorOf(request), { name: request.params.name, ...request.body }));

  app.post('/api/evals/runs/:id/gates', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Evaluate named gates and/or inline rules on a finished run (with neither: the gates it was created with); results are stored',
      description: 'Every gate first holds the run to its error budget: the share of items with a call or metric error must not exceed maxErrorRate (the named gate\'s, or the body\'s for inline rules; default 0). A rule on a metric with no score fails.',
      params: IdParamsSchema,
      body: z.object({ gates: z.array(z.string().min(1)).optional(), rules: z.array(z.string().min(1)).optional(), maxErrorRate: MaxErrorRate.optional() }).strict().prefault({}),
      response: { 200: listOf(GateEvaluationSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await evals.gates.evaluate(actorOf(request), request.params.id, request.body) }));

  app.get('/api/evals/runs/:id/gates', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Stored gate results of a run', params: IdParamsSchema, response: { 200: listOf(GateEvaluationSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await evals.gates.results(actorOf(request).projectId, request.params.id) }));
};
