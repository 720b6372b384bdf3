// Training jobs: submit, list, inspect (progress, ETA, logs, loss curve), cancel and retry.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf, pageOf } from '../../contracts/common-contract.js';
import {
  CreateTrainingJobBodySchema,
  LossPointSchema,
  TrainingBackendSchema,
  TrainingJobEventSchema,
  TrainingJobQuerySchema,
  type TrainingJob,
  TrainingJobSchema,
  TrainingLogQuerySchema,
} from '../../contracts/training-contract.js';
import type { TrainingJob as TrainingJobRecord } from '../../training/index.js';
import type { RouteModule } from './route-module.js';

export const trainingRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];
  const training = services.training;
  // The service keeps a backend's output spec as JSON; it is written in the contract's shape.
  const wire = (job: TrainingJobRecord) => job as TrainingJob;

  app.get('/api/training/backends', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Training backends this server offers', response: { 200: listOf(TrainingBackendSchema), ...ERROR_RESPONSES } },
  }, async () => ({ data: training.backendNames().map((name) => ({ name })) }));

  app.post('/api/training/jobs', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Submit a training job (validated, then queued)', body: CreateTrainingJobBodySchema, response: { 201: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(wire(await training.create(actorOf(request), request.body))));

  app.get('/api/training/jobs', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'List training jobs, newest first',
      querystring: TrainingJobQuerySchema,
      response: { 200: pageOf(TrainingJobSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const page = await training.list(actorOf(request).projectId, { state: request.query.state, limit: request.query.limit, before: request.query.cursor });
    return { data: page.data.map(wire), next_cursor: page.nextCursor };
  });

  app.get('/api/training/jobs/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'A training job: state, progress, ETA, output', params: IdParamsSchema, response: { 200: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request) => wire(await training.get(actorOf(request).projectId, request.params.id)));

  app.get('/api/training/jobs/:id/logs', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Log lines and metric points of a job (follow with ?after=<last seq>)',
      params: IdParamsSchema,
      querystring: TrainingLogQuerySchema,
      response: { 200: listOf(TrainingJobEventSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await training.events(actorOf(request).projectId, request.params.id, { afterSeq: request.query.after, kind: request.query.kind, limit: request.query.limit }) }));

  app.get('/api/training/jobs/:id/loss', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The loss curve of a job', params: IdParamsSchema, response: { 200: listOf(LossPointSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await training.lossCurve(actorOf(request).projectId, request.params.id) }));

  app.post('/api/training/jobs/:id/cancel', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Cancel a queued or running job', params: IdParamsSchema, response: { 200: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request) => wire(await training.cancel(actorOf(request), request.params.id)));

  app.post('/api/training/jobs/:id/retry', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Run a failed or cancelled job again (a new attempt)', params: IdParamsSchema, response: { 200: TrainingJobSchema, ...ERROR_RESPONSES } },
  }, async (request) => wire(await training.retry(actorOf(request), request.params.id)));
};
