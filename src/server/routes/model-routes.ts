// The model registry over HTTP: models, versions, lifecycle stages with gates and approvals,
// deprecation dates, aliases with their history, and model cards.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ModelCardSchema, VERSION_STATUSES, VersionSourceSchema, VersionSpecSchema } from '../../registry/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const ActorRefSchema = z.object({ id: z.string().nullable(), name: z.string() });
const NameList = z.array(z.string().min(1).max(100)).max(50);

const ModelSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  card: z.record(z.string(), z.unknown()),
  gates: z.array(z.string()),
  aliases: z.record(z.string(), z.string()),
  versionCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const VersionSchema = z.object({
  id: z.string(),
  model: z.string(),
  name: z.string(),
  seq: z.number(),
  description: z.string(),
  spec: z.unknown(),
  source: z.unknown(),
  datasetVersionIds: z.array(z.string()),
  evalRunIds: z.array(z.string()),
  status: z.enum(VERSION_STATUSES),
  deprecatedAt: z.string().nullable(),
  sunsetAt: z.string().nullable(),
  replacement: z.string().nullable(),
  discontinued: z.boolean(),
  aliases: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const StageChangeSchema = z.object({
  version: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  at: z.string(),
  actor: ActorRefSchema,
  reason: z.string(),
  evalRunId: z.string().nullable(),
  forced: z.boolean(),
  gates: z.unknown(),
});

const AliasMoveSchema = z.object({
  alias: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  at: z.string(),
  actor: ActorRefSchema,
  reason: z.string(),
  evalRunId: z.string().nullable(),
});

const CardSchema = ModelCardSchema.extend({
  model: z.string(),
  lineage: z.array(z.object({ version: z.string(), status: z.string(), source: z.unknown(), datasetVersionIds: z.array(z.string()), evalRunIds: z.array(z.string()) })),
  datasets: z.array(z.string()),
  evalRuns: z.array(z.string()),
});

const ApprovalSchema = z.object({ id: z.string(), version: z.string(), gate: z.string(), at: z.string(), actor: ActorRefSchema, reason: z.string() });
const GateOutcomeSchema = z.object({ gate: z.string(), passed: z.boolean(), evalRunId: z.string().optional(), reason: z.string() });

const ModelParams = z.object({ name: z.string().min(1).max(100) });
const VersionParams = ModelParams.extend({ version: z.string().min(1).max(120) });
const AliasParams = ModelParams.extend({ alias: z.string().min(1).max(63) });

const CreateModelBody = z
  .object({ name: z.string().min(1).max(100), description: z.string().max(2000).optional(), tags: NameList.optional(), card: ModelCardSchema.optional(), gates: NameList.optional() })
  .strict();
const UpdateModelBody = CreateModelBody.omit({ name: true });

const RegisterVersionBody = z
  .object({
    spec: VersionSpecSchema,
    source: VersionSourceSchema.optional(),
    description: z.string().max(2000).optional(),
    datasetVersionIds: z.array(z.string().min(1)).max(100).optional(),
    evalRunIds: z.array(z.string().min(1)).max(100).optional(),
    version: z.number().int().positive().optional().describe('The number the version must get (idempotent registration); omit to take the next'),
  })
  .strict();

export const modelRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['models'];
  const { registry, modelStages } = services;

  app.get('/api/models', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List models', response: { 200: listOf(ModelSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await registry.listModels(actorOf(request).projectId) }));

  app.post('/api/models', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Create a model', body: CreateModelBody, response: { 201: ModelSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await registry.createModel(actorOf(request), request.body)));

  app.get('/api/models/:name', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a model with its aliases', params: ModelParams, response: { 200: ModelSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.getModel(actorOf(request).projectId, request.params.name));

  app.patch('/api/models/:name', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Edit a model’s description, tags, card or gates', params: ModelParams, body: UpdateModelBody, response: { 200: ModelSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.updateModel(actorOf(request), request.params.name, request.body));

  app.get('/api/models/:name/card', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The model card, with training data and evaluation results from lineage', params: ModelParams, response: { 200: CardSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.card(actorOf(request).projectId, request.params.name));

  app.get('/api/models/:name/versions', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List versions with their stage, deprecation and sunset dates', params: ModelParams, response: { 200: listOf(VersionSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await registry.listVersions(actorOf(request).projectId, request.params.name) }));

  app.post('/api/models/:name/versions', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Register a new immutable version (name-NNN)', params: ModelParams, body: RegisterVersionBody, response: { 201: VersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    return reply.code(201).send(await registry.registerVersion(actorOf(request), request.params.name, { ...input, seq: version }));
  });

  app.get('/api/models/:name/versions/:version', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a version (by name-NNN, number or alias)', params: VersionParams, response: { 200: VersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.getVersion(actorOf(request).projectId, request.params.name, request.params.version));

  app.post('/api/models/:name/versions/:version/stage', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Move a version forward in its lifecycle (production needs its gates, or force with a reason)',
      params: VersionParams,
      body: z.object({ stage: z.enum(VERSION_STATUSES), reason: z.string().max(2000).optional(), evalRunId: z.string().min(1).optional(), force: z.boolean().default(false) }).strict(),
      response: { 200: VersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => modelStages.changeStage(actorOf(request), request.params.name, request.params.version, request.body));

  app.get('/api/models/:name/versions/:version/gates', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Check the model’s gates on a version (nothing is written)', params: VersionParams, response: { 200: listOf(GateOutcomeSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.checkGates(actorOf(request).projectId, request.params.name, request.params.version) }));

  app.post('/api/models/:name/versions/:version/deprecate', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Deprecate a version with dates: the gateway warns from deprecatedAt and answers 410 after sunsetAt',
      params: VersionParams,
      body: z
        .object({
          reason: z.string().min(1).max(2000),
          deprecatedAt: z.iso.datetime({ offset: true }).optional(),
          sunsetAt: z.iso.datetime({ offset: true }).optional(),
          replacement: z.string().min(1).max(200).optional(),
        })
        .strict(),
      response: { 200: VersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { deprecatedAt, sunsetAt, ...rest } = request.body;
    return modelStages.deprecate(actorOf(request), request.params.name, request.params.version, {
      ...rest,
      deprecatedAt: deprecatedAt ? new Date(deprecatedAt) : undefined,
      sunsetAt: sunsetAt ? new Date(sunsetAt) : undefined,
    });
  });

  app.post('/api/models/:name/versions/:version/approvals', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Approve a gate of a version by hand', params: VersionParams, body: z.object({ gate: z.string().min(1).max(100), reason: z.string().max(2000).optional() }).strict(), response: { 201: ApprovalSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await modelStages.approve(actorOf(request), request.params.name, request.params.version, request.body)));

  app.get('/api/models/:name/versions/:version/approvals', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Approvals recorded for a version', params: VersionParams, response: { 200: listOf(ApprovalSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.approvals(actorOf(request).projectId, request.params.name, request.params.version) }));

  app.get('/api/models/:name/versions/:version/history', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Every lifecycle move of a version: who, when, why, which eval run', params: VersionParams, response: { 200: listOf(StageChangeSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.history(actorOf(request).projectId, request.params.name, request.params.version) }));

  app.post('/api/models/:name/versions/:version/eval-runs', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Link an evaluation run to a version', params: VersionParams, body: z.object({ evalRunId: z.string().min(1) }).strict(), response: { 200: VersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.linkEvalRun(actorOf(request), request.params.name, request.params.version, request.body.evalRunId));

  app.get('/api/models/:name/aliases', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'History of every alias move of a model', params: ModelParams, response: { 200: listOf(AliasMoveSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.aliasHistory(actorOf(request).projectId, request.params.name) }));

  app.get('/api/models/:name/aliases/:alias/history', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'History of one alias', params: AliasParams, response: { 200: listOf(AliasMoveSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.aliasHistory(actorOf(request).projectId, request.params.name, request.params.alias) }));

  app.put('/api/models/:name/aliases/:alias', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Point an alias at a version (production: only at a version already in production)',
      params: AliasParams,
      body: z.object({ version: z.string().min(1).max(120), reason: z.string().max(2000).optional(), evalRunId: z.string().min(1).optional() }).strict(),
      response: { 200: listOf(AliasMoveSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await modelStages.setAlias(actorOf(request), request.params.name, request.params.alias, request.body) }));

  app.delete('/api/models/:name/aliases/:alias', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Remove a custom alias', params: AliasParams, querystring: z.object({ reason: z.string().max(2000).optional() }), response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await modelStages.deleteAlias(actorOf(request), request.params.name, request.params.alias, request.query.reason);
    return reply.code(204).send(null);
  });
};
