// Evaluations: runs (create, progress, results, cancel, resume, re-score), comparisons, gates and
// their results, and the leaderboard of a dataset.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from '../../contracts/common-contract.js';
import {
  CompareQuerySchema,
  CreateRunBodySchema,
  EvalRunSchema,
  EvaluateGatesBodySchema,
  GateEvaluationSchema,
  GateNameParamsSchema,
  GateSchema,
  ItemResultSchema,
  LeaderboardParamsSchema,
  LeaderboardQuerySchema,
  LeaderboardSchema,
  PutGateBodySchema,
  RescoreBodySchema,
  ResultsQuerySchema,
  ResumeBodySchema,
  RunComparisonSchema,
  RunListQuerySchema,
  RunSummarySchema,
} from '../../contracts/eval-contract.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

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
      body: CreateRunBodySchema,
      response: { 201: EvalRunSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await evals.createRun(actorOf(request), request.body)));

  app.get('/api/evals/runs', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'List evaluation runs, newest first',
      querystring: RunListQuerySchema,
      response: { 200: listOf(EvalRunSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await evals.listRuns(actorOf(request).projectId, request.query) }));

  app.get('/api/evals/runs/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'A run with its progress and, once finished, its aggregates', params: IdParamsSchema, response: { 200: EvalRunSchema, ...ERROR_RESPONSES } },
  }, async (request) => evals.getRun(actorOf(request).projectId, request.params.id));

  app.get('/api/evals/runs/:id/summary', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Aggregates per metric with bootstrap confidence intervals (live while running)', params: IdParamsSchema, response: { 200: RunSummarySchema, ...ERROR_RESPONSES } },
  }, async (request) => evals.summary(actorOf(request).projectId, request.params.id));

  app.get('/api/evals/runs/:id/results', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Per-item results in dataset order: output, latency, usage, cost, call error and every metric result',
      params: IdParamsSchema,
      querystring: ResultsQuerySchema,
      response: { 200: pageOf(ItemResultSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { cursor, limit, errorsOnly } = request.query;
    const page = await evals.results(actorOf(request).projectId, request.params.id, { after: cursor ? Number(cursor) : undefined, limit, errorsOnly });
    return { data: page, next_cursor: page.length === limit ? String(page[page.length - 1].position) : null };
  });

  app.post('/api/evals/runs/:id/cancel', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Cancel a queued or running run (finished items are kept)', params: IdParamsSchema, response: { 200: EvalRunSchema, ...ERROR_RESPONSES } },
  }, async (request) => evals.cancel(actorOf(request), request.params.id));

  app.post('/api/evals/runs/:id/resume', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Resume a cancelled or failed run without calling the model again for finished items',
      params: IdParamsSchema,
      body: ResumeBodySchema,
      response: { 200: EvalRunSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => evals.resume(actorOf(request), request.params.id, request.body));

  app.post('/api/evals/runs/:id/rescore', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'A new run scoring this run’s stored outputs with other metrics: the target model is not called',
      params: IdParamsSchema,
      body: RescoreBodySchema,
      response: { 201: EvalRunSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await evals.rescore(actorOf(request), request.params.id, request.body)));

  app.get('/api/evals/compare', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Paired comparison of two runs on the same dataset version: difference (b − a) per metric with CI and p-value, and the items that regressed',
      querystring: CompareQuerySchema,
      response: { 200: RunComparisonSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { a, b, alpha, regressionThreshold } = request.query;
    return evals.compare(actorOf(request).projectId, a, b, { alpha, regressionThreshold });
  });

  app.get('/api/datasets/:name/leaderboard', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'The latest completed run per target, model version and prompt on a dataset, best first',
      params: LeaderboardParamsSchema,
      querystring: LeaderboardQuerySchema,
      response: { 200: LeaderboardSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => evals.leaderboard(actorOf(request).projectId, request.params.name, request.query));

  app.get('/api/evals/gates', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List named gates', response: { 200: listOf(GateSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await evals.gates.list(actorOf(request).projectId) }));

  app.put('/api/evals/gates/:name', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create or replace a named gate (rules such as "accuracy >= 0.8", "toxicity_rate <= 0.01", "no significant regression vs production")',
      params: GateNameParamsSchema,
      body: PutGateBodySchema,
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
      body: EvaluateGatesBodySchema,
      response: { 200: listOf(GateEvaluationSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await evals.gates.evaluate(actorOf(request), request.params.id, request.body) }));

  app.get('/api/evals/runs/:id/gates', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Stored gate results of a run', params: IdParamsSchema, response: { 200: listOf(GateEvaluationSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await evals.gates.results(actorOf(request).projectId, request.params.id) }));
};
