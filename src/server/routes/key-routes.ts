// API keys: create (the key is shown once), list by prefix, revoke, rotate. A project admin manages
// its project's keys; the owner every project's. The key service decides what each may see.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../governance/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

export const ApiKeySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  rotatedFrom: z.string().nullable(),
});

const CreatedKeySchema = z.object({ key: z.string().describe('The secret key: shown once, never again'), record: ApiKeySchema });

const CreateKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    project: z.string().min(1).optional().describe('Project id or name; defaults to the caller’s project'),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 time after which the key stops working'),
  })
  .strict();

export const keyRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['keys'];

  app.get('/api/keys', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'List API keys (prefix only): the project’s, or every project’s for the owner',
      querystring: z.object({ includeRevoked: z.stringbool().default(false), project: z.string().min(1).optional().describe('Project id or name (owner: every project)') }),
      response: { 200: listOf(ApiKeySchema), ...ERROR_RESPONSES },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const project = request.query.project ? await services.projects.get(actor, request.query.project) : undefined;
    return { data: await services.keys.list(actor, { includeRevoked: request.query.includeRevoked, projectId: project?.id }) };
  });

  app.post('/api/keys', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Create an API key', body: CreateKeyBody, response: { 201: CreatedKeySchema, ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const project = request.body.project ? await services.projects.get(actor, request.body.project) : { id: actor.projectId };
    const created = await services.keys.create(actor, {
      name: request.body.name,
      role: request.body.role,
      projectId: project.id,
      expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
    });
    return reply.code(201).send(created);
  });

  app.get('/api/keys/:id', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Get an API key', params: IdParamsSchema, response: { 200: ApiKeySchema, ...ERROR_RESPONSES } },
  }, async (request) => services.keys.get(actorOf(request), request.params.id));

  app.post('/api/keys/:id/revoke', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Revoke an API key (effective at once on every replica)', params: IdParamsSchema, response: { 200: ApiKeySchema, ...ERROR_RESPONSES } },
  }, async (request) => services.keys.revoke(actorOf(request), request.params.id));

  app.post('/api/keys/:id/rotate', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'Issue a replacement key and retire this one (at once, or after a grace period)',
      params: IdParamsSchema,
      body: z.object({ graceSeconds: z.number().int().min(0).max(30 * 86400).default(0) }).strict().prefault({}),
      response: { 201: CreatedKeySchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await services.keys.rotate(actorOf(request), request.params.id, request.body)));

  app.get('/api/me', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'The key making this request', response: { 200: z.object({ id: z.string().nullable(), name: z.string(), role: z.enum(ROLES), projectId: z.string() }), ...ERROR_RESPONSES } },
  }, async (request) => actorOf(request));
};
