// Use cases over HTTP: CRUD under /api/use-cases (project-scoped), each KPI's live and offline
// status against its threshold, and the gates and canary guards derived from the KPIs.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import { KPI_OPERATORS, KPI_STATES, KpiSchema, UseCaseSchema, deriveGates, deriveGuards, kpiStatus } from '../../usecases/index.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

const NameParams = z.object({ name: z.string().min(1).max(100) });
const names = z.array(z.string());
const UseCaseRecordSchema = z.object({
  name: z.string(),
  objective: z.string(),
  owners: names,
  kpis: z.array(KpiSchema),
  routes: names,
  models: names,
  datasets: names,
  gates: names,
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().nullable(),
});
const reading = { value: z.number(), met: z.boolean() };
const KpiStatusSchema = z.object({
  name: z.string(),
  metric: z.string(),
  op: z.enum(KPI_OPERATORS),
  threshold: z.number(),
  live: z.object({ ...reading, requests: z.number() }).nullable(),
  offline: z.object({ ...reading, runId: z.string(), dataset: z.string(), target: z.string(), finishedAt: z.string().nullable() }).nullable(),
  status: z.enum(KPI_STATES),
});
const StatusSchema = z.object({ useCase: z.string(), window: z.object({ from: z.string(), to: z.string() }), status: z.enum(KPI_STATES), kpis: z.array(KpiStatusSchema) });
const DerivedSchema = z.object({
  gates: z.array(z.object({ name: z.string(), rules: z.array(z.string()), dataset: z.string(), description: z.string() })),
  guards: z.object({ evalGates: z.array(z.object({ model: z.string(), gate: z.string() })) }),
});

export const useCaseRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['use-cases'];
  const { useCases } = services.deployments;

  app.get('/api/use-cases', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List the use cases of the project', response: { 200: listOf(UseCaseRecordSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await useCases.list(actorOf(request).projectId) }));

  app.post('/api/use-cases', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Declare a use case: objective, owners, KPIs (metric, op, threshold) and its routes, models, datasets and gates', body: UseCaseSchema, response: { 201: UseCaseRecordSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await useCases.create(actorOf(request), request.body)));

  app.get('/api/use-cases/:name', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a use case', params: NameParams, response: { 200: UseCaseRecordSchema, ...ERROR_RESPONSES } },
  }, async (request) => useCases.get(actorOf(request).projectId, request.params.name));

  app.put('/api/use-cases/:name', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Replace a use case (it keeps its name)', params: NameParams, body: UseCaseSchema, response: { 200: UseCaseRecordSchema, ...ERROR_RESPONSES } },
  }, async (request) => useCases.replace(actorOf(request), request.params.name, request.body));

  app.delete('/api/use-cases/:name', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Delete a use case', params: NameParams, response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await useCases.delete(actorOf(request), request.params.name);
    return reply.code(204).send(null);
  });

  app.get('/api/use-cases/:name/status', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: "Each KPI's live value (metric roll-ups of the linked routes over the window) and offline value (latest finished evaluation run on its dataset) against its threshold",
      params: NameParams,
      querystring: z.object({ windowHours: z.coerce.number().gt(0).max(168).default(24) }),
      response: { 200: StatusSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const projectId = actorOf(request).projectId;
    const useCase = await useCases.get(projectId, request.params.name);
    const to = useCases.now();
    return kpiStatus(useCases.store.db, projectId, useCase, { from: to - request.query.windowHours * 3_600_000, to });
  });

  app.get('/api/use-cases/:name/derived', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Gates derived from the offline KPIs (one per dataset) and the rollout guards that require them on each linked model', params: NameParams, response: { 200: DerivedSchema, ...ERROR_RESPONSES } },
  }, async (request) => {
    const useCase = await useCases.get(actorOf(request).projectId, request.params.name);
    const gates = deriveGates(useCase);
    return { gates, guards: deriveGuards(useCase, gates) };
  });
};
