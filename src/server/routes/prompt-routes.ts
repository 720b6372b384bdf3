// Prompts over HTTP: versioned templates, labels with history, and strict rendering.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import {
  AddPromptVersionBodySchema,
  CreatePromptBodySchema,
  PromptLabelMoveSchema,
  PromptLabelParamsSchema,
  PromptNameParamsSchema,
  PromptSchema,
  PromptVersionParamsSchema,
  PromptVersionSchema,
  RenderBodySchema,
  RenderedPromptSchema,
  SetLabelBodySchema,
} from '../../contracts/prompt-contract.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from './route-module.js';

export const promptRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['prompts'];
  const { prompts } = services;

  app.get('/api/prompts', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List prompts with their labels', response: { 200: listOf(PromptSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await prompts.list(actorOf(request).projectId) }));

  app.post('/api/prompts', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create a prompt with its first version',
      body: CreatePromptBodySchema,
      response: { 201: PromptVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await prompts.create(actorOf(request), request.body)));

  app.get('/api/prompts/:name', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a prompt', params: PromptNameParamsSchema, response: { 200: PromptSchema, ...ERROR_RESPONSES } },
  }, async (request) => prompts.get(actorOf(request).projectId, request.params.name));

  app.get('/api/prompts/:name/versions', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List versions of a prompt', params: PromptNameParamsSchema, response: { 200: listOf(PromptVersionSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await prompts.versions(actorOf(request).projectId, request.params.name) }));

  app.post('/api/prompts/:name/versions', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Add an immutable version', params: PromptNameParamsSchema, body: AddPromptVersionBodySchema, response: { 201: PromptVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { labels, ...rest } = request.body;
    return reply.code(201).send(await prompts.addVersion(actorOf(request), request.params.name, rest, labels));
  });

  app.get('/api/prompts/:name/versions/:version', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get one version', params: PromptVersionParamsSchema, response: { 200: PromptVersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => prompts.version(actorOf(request).projectId, request.params.name, { version: request.params.version }));

  app.get('/api/prompts/:name/labels', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'History of every label move', params: PromptNameParamsSchema, response: { 200: listOf(PromptLabelMoveSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await prompts.labelHistory(actorOf(request).projectId, request.params.name) }));

  app.put('/api/prompts/:name/labels/:label', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Point a label (production, staging, custom) at a version',
      params: PromptLabelParamsSchema,
      body: SetLabelBodySchema,
      response: { 200: listOf(PromptLabelMoveSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await prompts.setLabel(actorOf(request), request.params.name, request.params.label, request.body) }));

  app.post('/api/prompts/:name/render', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Render to chat messages (a label or version; default production, else latest). Strict: missing variables are an error',
      params: PromptNameParamsSchema,
      body: RenderBodySchema,
      response: { 200: RenderedPromptSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { variables, version, label } = request.body;
    return prompts.render(actorOf(request).projectId, request.params.name, { version, label }, variables);
  });
};
