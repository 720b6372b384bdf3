// Projects: everyone sees its own; the instance owner sees, creates, deletes (soft, with a grace
// period) and restores them.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, IdParamsSchema, listOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  deletedAt: z.string().nullable(),
  purgeAfter: z.string().nullable().describe('When the retention job removes a deleted project’s data'),
});

export const projectRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  app.get('/api/projects', {
    config: { role: 'viewer' },
    schema: {
      tags,
      summary: 'List projects: the key’s own, or every project for the owner',
      querystring: z.object({ includeDeleted: z.stringbool().default(false).describe('Owner only: also deleted projects in their grace period') }),
      response: { 200: listOf(ProjectSchema), ...ERROR_RESPONSES },
    },
  }, async (request) => ({ data: await services.projects.list(actorOf(request), { includeDeleted: request.query.includeDeleted }) }));

  app.get('/api/projects/:id', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'Get a project by id or name', params: IdParamsSchema, response: { 200: ProjectSchema, ...ERROR_RESPONSES } },
  }, async (request) => services.projects.get(actorOf(request), request.params.id));

  app.post('/api/projects', {
    config: { role: 'owner' },
    schema: {
      tags,
      summary: 'Create a project',
      body: z.object({ name: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, dot, dash, underscore; 1-63 characters'), description: z.string().max(1000).optional() }).strict(),
      response: { 201: ProjectSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await services.projects.create(actorOf(request), request.body)));

  app.delete('/api/projects/:id', {
    config: { role: 'owner' },
    schema: {
      tags,
      summary: 'Delete a project: its keys stop at once; its data is purged after the grace period',
      params: IdParamsSchema,
      response: { 200: ProjectSchema, ...ERROR_RESPONSES },
    },
  }, async (request) => services.projects.delete(actorOf(request), request.params.id));

  app.post('/api/projects/:id/restore', {
    config: { role: 'owner' },
    schema: { tags, summary: 'Restore a deleted project during its grace period', params: IdParamsSchema, response: { 200: ProjectSchema, ...ERROR_RESPONSES } },
  }, async (request) => services.projects.restore(actorOf(request), request.params.id));
};
