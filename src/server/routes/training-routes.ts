// Training jobs: submit, list, inspect (progress, ETA, logs, loss curve), cancel and retry.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TRAINING_JOB_STATES, TRAINING_METHODS } from '../../training/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from './common-schemas.js';
import type { RouteModule } from './route-module.js';

const JsonRecord = z.record(z.string(), z.unknown());

export const TrainingJobSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  backend: z.string(),
  method: z.enum(TRAINING_METHODS),
  baseModel: z.string(),
  outputModel: z.string(),
  datasetVersionId: z.string().nullable(),
  hyperParameters: JsonRecord,
  backendConfig: JsonRecord,
  state: z.enum(TRAINING_JOB_STATES),
  attempt: z.number(),
  progress: z.number(),
  step: z.number(),
  totalSteps: z.number(),
  etaSeconds: z.number().nullable(),
  lastLoss: z.number().nullable(),
  error: z.string().nullable(),
  output: z
    .object({ artifactPath: z.string().nullable(), remoteModel: z.string().nullable(), remoteJobId: z.string().nullable(), metrics: z.record(z.string(), z.number()), spec: JsonRecord })
    .nullable(),
  modelVersionId: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

const JobEventSchema = z.object({ seq: z.number(), at: z.string(), kind: z.enum(['log', 'metric']), level: z.string(), message: z.string(), step: z.number().nullable(), loss: z.number().nullable(), data: z.unknown() });

const CreateJobBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    backend: z.string().min(1).describe('builtin, openai, command, …'),
    method: z.enum(TRAINING_METHODS),
    baseModel: z.string().min(1).describe('Model version, provider model or builtin base to train from'),
    outputModel: z.string().min(1).describe('Registry model the result is registered under as a candidate'),
    datasetVersionId: z.string().min(1).optional(),
    items: z.array(z.unknown()).max(100_000).optional().describe('Training items inline (instead of a dataset version)'),
    hyperParameters: JsonRecord.optional().describe('learningRate, batchSize, epochs, warmupSteps, seed, adapterRank, maxSteps, beta, temperature'),
    backendConfig: JsonRecord.optional(),
  })
  .strict();

export const trainingRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];
  const training = services.training;

  app.get('/api/training/backends', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Training backends this server offers', response: { 200: listOf(z.object({ name: z.string() })) } },
  }, async () => ({ data: training.backendNames().map((name) => ({ name })) }));

  app.post('/api/training/jobs', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Submit a training job (validated, then queued)', body: CreateJobBody, response: { 201: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await training.create(actorOf(request), request.body)));

  app.get('/api/training/jobs', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'List training jobs, newest first',
      querystring: z.object({ state: z.enum(TRAINING_JOB_STATES).optional(), cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: pageOf(TrainingJobSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const page = await training.list(actorOf(request).projectId, { state: request.query.state, limit: request.query.limit, before: request.query.cursor });
    return { data: page.data, next_cursor: page.nextCursor };
  });

  app.get('/api/training/jobs/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'A training job: state, progress, ETA, output', params: IdParamsSchema, response: { 200: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request) => training.get(actorOf(request).projectId, request.params.id));

  app.get('/api/training/jobs/:id/logs', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Log lines and metric points of a job (follow with ?after=<last seq>)',
      params: IdParamsSchema,
      querystring: z.object({ after: z.coerce.number().int().min(0).optional(), kind: z.enum(['log', 'metric']).optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) }),
      response: { 200: listOf(JobEventSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await training.events(actorOf(request).projectId, request.params.id, { afterSeq: request.query.after, kind: request.query.kind, limit: request.query.limit }) }));

  app.get('/api/training/jobs/:id/loss', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The loss curve of a job', params: IdParamsSchema, response: { 200: listOf(z.object({ step: z.number(), loss: z.number(), at: z.string() })), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await training.lossCurve(actorOf(request).projectId, request.params.id) }));

  app.post('/api/training/jobs/:id/cancel', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Cancel a queued or running job', params: IdParamsSchema, response: { 200: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request) => training.cancel(actorOf(request), request.params.id));

  app.post('/api/training/jobs/:id/retry', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Run a failed or cancelled job again (a new attempt)', params: IdParamsSchema, response: { 200: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request) => training.retry(actorOf(request), request.params.id));
};
