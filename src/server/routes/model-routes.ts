// The model registry over HTTP: models, versions, lifecycle stages with gates and approvals,
// deprecation dates, aliases with their history, and model cards.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AliasMoveSchema,
  AliasParamsSchema,
  ApproveBodySchema,
  ChangeStageBodySchema,
  ComposedModelCardSchema,
  CreateModelBodySchema,
  DeleteAliasQuerySchema,
  DeprecateBodySchema,
  LinkEvalRunBodySchema,
  ModelApprovalSchema,
  ModelGateOutcomeSchema,
  ModelNameParamsSchema,
  ModelSchema,
  ModelStageChangeSchema,
  ModelVersionSchema,
  RegisterVersionBodySchema,
  SetAliasBodySchema,
  UpdateModelBodySchema,
  VersionParamsSchema,
} from '../../contracts/model-contract.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

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
    schema: { tags, summary: 'Create a model', body: CreateModelBodySchema, response: { 201: ModelSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await registry.createModel(actorOf(request), request.body)));

  app.get('/api/models/:name', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a model with its aliases', params: ModelNameParamsSchema, response: { 200: ModelSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.getModel(actorOf(request).projectId, request.params.name));

  app.patch('/api/models/:name', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Edit a model’s description, tags, card or gates', params: ModelNameParamsSchema, body: UpdateModelBodySchema, response: { 200: ModelSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.updateModel(actorOf(request), request.params.name, request.body));

  app.get('/api/models/:name/card', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The model card, with training data and evaluation results from lineage', params: ModelNameParamsSchema, response: { 200: ComposedModelCardSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.card(actorOf(request).projectId, request.params.name));

  app.get('/api/models/:name/versions', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List versions with their stage, deprecation and sunset dates', params: ModelNameParamsSchema, response: { 200: listOf(ModelVersionSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await registry.listVersions(actorOf(request).projectId, request.params.name) }));

  app.post('/api/models/:name/versions', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Register a new immutable version (name-NNN)', params: ModelNameParamsSchema, body: RegisterVersionBodySchema, response: { 201: ModelVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    return reply.code(201).send(await registry.registerVersion(actorOf(request), request.params.name, { ...input, seq: version }));
  });

  app.get('/api/models/:name/versions/:version', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a version (by name-NNN, number or alias)', params: VersionParamsSchema, response: { 200: ModelVersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.getVersion(actorOf(request).projectId, request.params.name, request.params.version));

  app.post('/api/models/:name/versions/:version/stage', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Move a version forward in its lifecycle (production needs its gates, or force with a reason)',
      params: VersionParamsSchema,
      body: ChangeStageBodySchema,
      response: { 200: ModelVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => modelStages.changeStage(actorOf(request), request.params.name, request.params.version, request.body));

  app.get('/api/models/:name/versions/:version/gates', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Check the model’s gates on a version (nothing is written)', params: VersionParamsSchema, response: { 200: listOf(ModelGateOutcomeSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.checkGates(actorOf(request).projectId, request.params.name, request.params.version) }));

  app.post('/api/models/:name/versions/:version/deprecate', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Deprecate a version with dates: the gateway warns from deprecatedAt and answers 410 after sunsetAt',
      params: VersionParamsSchema,
      body: DeprecateBodySchema,
      response: { 200: ModelVersionSchema, ...ERROR_RESPONSES },
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
    schema: { tags, summary: 'Approve a gate of a version by hand', params: VersionParamsSchema, body: ApproveBodySchema, response: { 201: ModelApprovalSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => reply.code(201).send(await modelStages.approve(actorOf(request), request.params.name, request.params.version, request.body)));

  app.get('/api/models/:name/versions/:version/approvals', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Approvals recorded for a version', params: VersionParamsSchema, response: { 200: listOf(ModelApprovalSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.approvals(actorOf(request).projectId, request.params.name, request.params.version) }));

  app.get('/api/models/:name/versions/:version/history', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Every lifecycle move of a version: who, when, why, which eval run', params: VersionParamsSchema, response: { 200: listOf(ModelStageChangeSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.history(actorOf(request).projectId, request.params.name, request.params.version) }));

  app.post('/api/models/:name/versions/:version/eval-runs', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Link an evaluation run to a version', params: VersionParamsSchema, body: LinkEvalRunBodySchema, response: { 200: ModelVersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => registry.linkEvalRun(actorOf(request), request.params.name, request.params.version, request.body.evalRunId));

  app.get('/api/models/:name/aliases', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'History of every alias move of a model', params: ModelNameParamsSchema, response: { 200: listOf(AliasMoveSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.aliasHistory(actorOf(request).projectId, request.params.name) }));

  app.get('/api/models/:name/aliases/:alias/history', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'History of one alias', params: AliasParamsSchema, response: { 200: listOf(AliasMoveSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await modelStages.aliasHistory(actorOf(request).projectId, request.params.name, request.params.alias) }));

  app.put('/api/models/:name/aliases/:alias', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Point an alias at a version (production: only at a version already in production)',
      params: AliasParamsSchema,
      body: SetAliasBodySchema,
      response: { 200: listOf(AliasMoveSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await modelStages.setAlias(actorOf(request), request.params.name, request.params.alias, request.body) }));

  app.delete('/api/models/:name/aliases/:alias', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Remove a custom alias', params: AliasParamsSchema, querystring: DeleteAliasQuerySchema, response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await modelStages.deleteAlias(actorOf(request), request.params.name, request.params.alias, request.query.reason);
    return reply.code(204).send(null);
  });
};
