// Deployments over HTTP: one-step route rollback and revision diffs, A-B experiments with live
// results, and canary rollouts (start, status, events, pause, resume, abort).
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BANDIT_REWARDS, DECISION_KINDS, EXPERIMENT_STICKY, EXPERIMENT_TESTS, ROLLOUT_ACTIONS } from '../../deployments/index.js';
import { EXPERIMENT_METRICS } from '../../statistics/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import { RolloutEventSchema, RolloutQuerySchema, RolloutSchema, StartRolloutBodySchema } from '../../contracts/rollout-contract.js';
import { RolledBackRouteSchema, type RouteConfig, RouteDiffSchema } from '../../contracts/route-contract.js';
import type { RouteModule } from './route-module.js';

const NameParams = z.object({ name: z.string().min(1).max(100) });
const IdParams = z.object({ id: z.string().min(1).max(100) });
const ReasonBody = z.object({ reason: z.string().max(2000).optional() }).strict().prefault({});


const ArmSchema = z.object({ name: z.string().min(1).max(100), model: z.string().min(1).max(300), weight: z.number() });
const ExperimentSchema = z.object({
  id: z.string(),
  route: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['running', 'stopped']),
  arms: z.array(ArmSchema),
  sticky: z.enum(EXPERIMENT_STICKY),
  baselineRevision: z.number().nullable(),
  startedAt: z.string(),
  stoppedAt: z.string().nullable(),
  winner: z.string().nullable(),
  test: z.enum(EXPERIMENT_TESTS),
  primaryMetric: z.enum(EXPERIMENT_METRICS),
  allocation: z
    .object({
      kind: z.literal('thompson'),
      reward: z.enum(BANDIT_REWARDS),
      costWeight: z.number(),
      floor: z.number(),
      intervalSeconds: z.number(),
      minSamples: z.number(),
      stopProbability: z.number(),
      autoStop: z.boolean(),
      seed: z.number(),
    })
    .nullable(),
});
const BanditInputSchema = z
  .object({
    kind: z.literal('thompson').optional(),
    reward: z.enum(BANDIT_REWARDS),
    costWeight: z.number().min(0).max(1_000_000).optional(),
    floor: z.number().min(0).max(0.5).optional(),
    intervalSeconds: z.number().min(1).max(7 * 86_400).optional(),
    minSamples: z.number().int().min(1).max(1_000_000).optional(),
    stopProbability: z.number().gt(0.5).max(1).optional(),
    autoStop: z.boolean().optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
  })
  .strict();
const DecisionSchema = z.object({
  seq: z.number(),
  at: z.string(),
  kind: z.enum(DECISION_KINDS),
  shares: z.record(z.string(), z.number()),
  probabilityBest: z.record(z.string(), z.number()),
  rewards: z.record(z.string(), z.object({ n: z.number(), mean: z.number().nullable() })),
  winner: z.string().nullable(),
  reason: z.string(),
  revision: z.number().nullable(),
});
const nullableNumber = z.number().nullable();
const ArmSummarySchema = z.object({
  arm: z.string(),
  requests: z.number(),
  errorRate: nullableNumber,
  latencyMeanMs: nullableNumber,
  latencyP95Ms: nullableNumber,
  costMeanUsd: nullableNumber,
  feedbackMean: nullableNumber,
  feedbackCount: z.number(),
});
const ComparisonSchema = z.object({
  metric: z.string(),
  test: z.string(),
  nControl: z.number(),
  nTreatment: z.number(),
  control: z.number(),
  treatment: z.number(),
  difference: z.number(),
  relativeDifference: nullableNumber,
  lower: z.number(),
  upper: z.number(),
  pValue: z.number(),
  significant: z.boolean(),
  treatmentBetter: z.boolean(),
  rankPValue: z.number().optional(),
  bootstrapLower: z.number().optional(),
  bootstrapUpper: z.number().optional(),
});
const SequentialComparisonSchema = z.object({
  metric: z.enum(EXPERIMENT_METRICS),
  test: z.literal('msprt'),
  nControl: z.number(),
  nTreatment: z.number(),
  control: z.number(),
  treatment: z.number(),
  difference: z.number(),
  lower: nullableNumber,
  upper: nullableNumber,
  pValue: z.number(),
  significant: z.boolean(),
  treatmentBetter: z.boolean(),
});
const VerdictSchema = z.object({ test: z.enum(EXPERIMENT_TESTS), metric: z.enum(EXPERIMENT_METRICS), alpha: z.number(), winner: z.string().nullable(), reason: z.string() });
const ResultsSchema = z.object({
  experiment: ExperimentSchema,
  control: z.string(),
  arms: z.array(ArmSummarySchema),
  comparisons: z.array(z.object({ arm: z.string(), metrics: z.array(ComparisonSchema) })),
  sequential: z.array(z.object({ arm: z.string(), metrics: z.array(SequentialComparisonSchema) })),
  verdict: VerdictSchema,
  unassigned: z.number(),
});

export const deploymentRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { routeDeployments, experiments, rollouts } = services.deployments;

  app.post('/api/routes/:name/rollback', {
    config: { role: 'developer' },
    schema: {
      tags: ['routes'],
      summary: 'Roll a route back to its previous revision (or ?to=N) in one step, as a new revision',
      params: NameParams,
      querystring: z.object({ to: z.coerce.number().int().positive().optional() }),
      body: ReasonBody,
      response: { 200: RolledBackRouteSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const route = await routeDeployments.rollback(actorOf(request), request.params.name, { to: request.query.to, reason: request.body.reason });
    return { ...route, config: route.config as unknown as RouteConfig };
  });

  app.get('/api/routes/:name/diff', {
    config: { role: 'viewer' },
    schema: {
      tags: ['routes'],
      summary: 'Structured diff between two revisions of a route',
      params: NameParams,
      querystring: z.object({ a: z.coerce.number().int().positive(), b: z.coerce.number().int().positive() }),
      response: { 200: RouteDiffSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => routeDeployments.diff(actorOf(request).projectId, request.params.name, request.query.a, request.query.b));

  const etags = ['experiments'];
  app.post('/api/experiments', {
    config: { role: 'developer' },
    schema: {
      tags: etags,
      summary: 'Start an A-B experiment on a route (arms with weights, sticky by user or key)',
      body: z
        .object({
          route: z.string().min(1),
          name: z.string().min(1).max(200),
          description: z.string().max(2000).optional(),
          arms: z.array(ArmSchema).min(1).max(10),
          sticky: z.enum(EXPERIMENT_STICKY).optional(),
          test: z.enum(EXPERIMENT_TESTS).optional().describe('sequential (default): always-valid verdict; fixed: fixed-horizon tests'),
          primaryMetric: z.enum(EXPERIMENT_METRICS).optional().describe('the metric the verdict is about (default feedback)'),
          allocation: BanditInputSchema.optional().describe('Thompson-sampling allocation on a declared reward, with a floor per arm and a stopping rule'),
        })
        .strict(),
      response: { 201: ExperimentSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await experiments.start(actorOf(request), request.body)));

  app.get('/api/experiments', {
    config: { role: 'viewer' },
    schema: { tags: etags, summary: 'List experiments', querystring: z.object({ route: z.string().optional() }), response: { 200: listOf(ExperimentSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await experiments.list(actorOf(request).projectId, request.query.route) }));

  app.get('/api/experiments/:id', {
    config: { role: 'viewer' },
    schema: { tags: etags, summary: 'Get an experiment', params: IdParams, response: { 200: ExperimentSchema, ...ERROR_RESPONSES } },
  }, async (request) => experiments.get(actorOf(request).projectId, request.params.id));

  app.get('/api/experiments/:id/results', {
    config: { role: 'viewer' },
    schema: {
      tags: etags,
      summary: 'Live comparison of the arms: latency, cost, error rate, feedback, with confidence intervals and p-values',
      params: IdParams,
      querystring: z.object({ alpha: z.coerce.number().gt(0).lt(0.5).default(0.05) }),
      response: { 200: ResultsSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => experiments.results(actorOf(request).projectId, request.params.id, { alpha: request.query.alpha }));

  app.get('/api/experiments/:id/decisions', {
    config: { role: 'viewer' },
    schema: { tags: etags, summary: 'The allocation decisions of a bandit experiment, oldest first', params: IdParams, response: { 200: listOf(DecisionSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await experiments.decisions(actorOf(request).projectId, request.params.id) }));

  app.post('/api/experiments/:id/stop', {
    config: { role: 'developer' },
    schema: {
      tags: etags,
      summary: 'Stop an experiment: the winner takes the route, or the route before it comes back',
      params: IdParams,
      body: z.object({ winner: z.string().min(1).optional(), reason: z.string().max(2000).optional() }).strict().prefault({}),
      response: { 200: ExperimentSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => experiments.stop(actorOf(request), request.params.id, request.body));

  const rtags = ['rollouts'];
  app.post('/api/rollouts', {
    config: { role: 'developer' },
    schema: {
      tags: rtags,
      summary: 'Start a canary rollout of a target on a route, in steps guarded by live metrics',
      body: StartRolloutBodySchema,
      response: { 201: RolloutSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await rollouts.start(actorOf(request), request.body)));

  app.get('/api/rollouts', {
    config: { role: 'viewer' },
    schema: { tags: rtags, summary: 'List rollouts', querystring: RolloutQuerySchema, response: { 200: listOf(RolloutSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await rollouts.list(actorOf(request).projectId, request.query) }));

  app.get('/api/rollouts/:id', {
    config: { role: 'viewer' },
    schema: { tags: rtags, summary: 'Get a rollout', params: IdParams, response: { 200: RolloutSchema, ...ERROR_RESPONSES } },
  }, async (request) => rollouts.get(actorOf(request).projectId, request.params.id));

  app.get('/api/rollouts/:id/events', {
    config: { role: 'viewer' },
    schema: { tags: rtags, summary: 'Events of a rollout: steps, pauses, rollbacks with their reason', params: IdParams, response: { 200: listOf(RolloutEventSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await rollouts.events(actorOf(request).projectId, request.params.id) }));

  for (const action of ROLLOUT_ACTIONS) {
    app.post(`/api/rollouts/:id/${action}`, {
      config: { role: 'developer' },
      schema: { tags: rtags, summary: `${action[0].toUpperCase()}${action.slice(1)} a rollout`, params: IdParams, body: ReasonBody, response: { 200: RolloutSchema, ...ERROR_RESPONSES } },
    }, async (request) => rollouts[action](actorOf(request), request.params.id, request.body.reason));
  }
};
