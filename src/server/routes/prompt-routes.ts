// Prompts over HTTP: versioned templates, labels with history, and strict rendering.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MESSAGE_ROLES, PROMPT_KINDS, PromptExampleSchema, PromptTemplateSchema, PromptVariableSchema } from '../../prompts/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const PromptSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  labels: z.record(z.string(), z.number()),
  latestVersion: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const PromptVersionSchema = z.object({
  id: z.string(),
  prompt: z.string(),
  version: z.number(),
  kind: z.enum(PROMPT_KINDS),
  template: PromptTemplateSchema,
  variables: z.array(PromptVariableSchema),
  examples: z.array(PromptExampleSchema),
  params: z.record(z.string(), z.unknown()),
  model: z.string().nullable(),
  message: z.string(),
  labels: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

const LabelMoveSchema = z.object({
  label: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  reason: z.string(),
});

const RenderedSchema = z.object({
  prompt: z.string(),
  version: z.number(),
  versionId: z.string(),
  label: z.string().nullable(),
  messages: z.array(z.object({ role: z.enum(MESSAGE_ROLES), content: z.string() })),
  params: z.record(z.string(), z.unknown()),
  model: z.string().nullable(),
});

// The definition is validated by the service (zod + the declared-variable check) so the error
// codes are the prompt ones; here it is only an object.
const DefinitionFields = {
  kind: z.enum(PROMPT_KINDS).optional(),
  template: z.unknown(),
  variables: z.array(z.unknown()).optional(),
  examples: z.array(z.unknown()).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  model: z.string().optional(),
  message: z.string().optional(),
  labels: z.array(z.string()).max(20).optional(),
};

const NameParams = z.object({ name: z.string().min(1).max(100) });
const VersionParams = NameParams.extend({ version: z.coerce.number().int().positive() });
const LabelParams = NameParams.extend({ label: z.string().min(1).max(63) });

type DefinitionBody = { kind?: string; template: unknown; variables?: unknown[]; examples?: unknown[]; params?: Record<string, unknown>; model?: string; message?: string };

export const promptRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['prompts'];
  const { prompts } = services;
  // The service validates the definition; the cast hands it the parsed-as-unknown body.
  const definition = (body: DefinitionBody) => body as Parameters<typeof prompts.addVersion>[2];

  app.get('/api/prompts', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List prompts with their labels', response: { 200: listOf(PromptSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await prompts.list(actorOf(request).projectId) }));

  app.post('/api/prompts', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Create a prompt with its first version',
      body: z.object({ name: z.string().min(1).max(100), description: z.string().max(2000).optional(), ...DefinitionFields }).strict(),
      response: { 201: PromptVersionSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => {
    const { name, description, labels, ...rest } = request.body;
    return reply.code(201).send(await prompts.create(actorOf(request), { name, description, labels, ...definition(rest) }));
  });

  app.get('/api/prompts/:name', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a prompt', params: NameParams, response: { 200: PromptSchema, ...ERROR_RESPONSES } },
  }, async (request) => prompts.get(actorOf(request).projectId, request.params.name));

  app.get('/api/prompts/:name/versions', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List versions of a prompt', params: NameParams, response: { 200: listOf(PromptVersionSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await prompts.versions(actorOf(request).projectId, request.params.name) }));

  app.post('/api/prompts/:name/versions', {
    config: { role: 'developer' },
    schema: { tags, summary: 'Add an immutable version', params: NameParams, body: z.object(DefinitionFields).strict(), response: { 201: PromptVersionSchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const { labels, ...rest } = request.body;
    return reply.code(201).send(await prompts.addVersion(actorOf(request), request.params.name, definition(rest), labels));
  });

  app.get('/api/prompts/:name/versions/:version', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get one version', params: VersionParams, response: { 200: PromptVersionSchema, ...ERROR_RESPONSES } },
  }, async (request) => prompts.version(actorOf(request).projectId, request.params.name, { version: request.params.version }));

  app.get('/api/prompts/:name/labels', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'History of every label move', params: NameParams, response: { 200: listOf(LabelMoveSchema), ...ERROR_RESPONSES } },
  }, async (request) => ({ data: await prompts.labelHistory(actorOf(request).projectId, request.params.name) }));

  app.put('/api/prompts/:name/labels/:label', {
    config: { role: 'developer' },
    schema: {
      tags,
      summary: 'Point a label (production, staging, custom) at a version',
      params: LabelParams,
      body: z.object({ version: z.number().int().positive(), reason: z.string().max(2000).optional() }).strict(),
      response: { 200: listOf(LabelMoveSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await prompts.setLabel(actorOf(request), request.params.name, request.params.label, request.body) }));

  app.post('/api/prompts/:name/render', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'Render to chat messages (a label or version; default production, else latest). Strict: missing variables are an error',
      params: NameParams,
      body: z
        .object({
          variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
          version: z.number().int().positive().optional(),
          label: z.string().min(1).max(63).optional(),
        })
        .strict(),
      response: { 200: RenderedSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const { variables, version, label } = request.body;
    return prompts.render(actorOf(request).projectId, request.params.name, { version, label }, variables);
  });
};
