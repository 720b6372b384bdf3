// Retraining pipelines: definitions, manual runs, and run records with the artifacts of each step.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf } from '../../contracts/common-contract.js';
import { CreatePipelineBodySchema, PipelineNameParamsSchema as NameParams, PipelineRunSchema as RunSchema, PipelineSchema } from '../../contracts/pipeline-contract.js';
import type { RouteModule } from './route-module.js';

export const pipelineRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['pipelines'];
  const pipelines = services.pipelines;

  app.get('/api/pipelines', { config: { role: 'viewer' }, schema: { tags, summary: 'Retraining pipelines', response: { 200: listOf(PipelineSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: await pipelines.list(actorOf(request).projectId) }));

  app.post('/api/pipelines', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Define a retraining pipeline (triggers, curate, train, evaluate, rollout)', body: CreatePipelineBodySchema, response: { 201: PipelineSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await pipelines.create(actorOf(request), request.body)));

  app.get('/api/pipelines/:name', { config: { role: 'viewer' }, schema: { tags, summary: 'A pipeline', params: NameParams, response: { 200: PipelineSchema, ...ERROR_RESPONSES } } }, async (request) => pipelines.get(actorOf(request).projectId, request.params.name));

  app.post('/api/pipelines/:name/runs', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Start a run now (it continues in the background)', params: NameParams, response: { 202: RunSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { run } = await pipelines.start(actorOf(request), request.params.name, 'manual');
    return reply.code(202).send(run);
  });

  app.get('/api/pipelines/:name/runs', { config: { role: 'viewer' }, schema: { tags, summary: 'Recent runs of a pipeline', params: NameParams, response: { 200: listOf(RunSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: await pipelines.listRuns(actorOf(request).projectId, request.params.name) }));

  app.get('/api/pipeline-runs/:id', { config: { role: 'viewer' }, schema: { tags, summary: 'A run with its steps and their artifacts', params: IdParamsSchema, response: { 200: RunSchema, ...ERROR_RESPONSES } } }, async (request) => pipelines.getRun(actorOf(request).projectId, request.params.id));
};
