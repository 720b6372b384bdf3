// Projects: list and create. Viewers read, admins write.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from './common-schemas.js';
import type { RouteModule } from './route-module.js';

const ProjectSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), createdAt: z.string() });

export const projectRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  app.get('/api/projects', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'List projects', response: { 200: listOf(ProjectSchema), ...ERROR_RESPONSES } },
  }, async () => ({ data: await services.projects.list() }));

  app.post('/api/projects', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'Create a project',
      body: z.object({ name: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, dot, dash, underscore; 1-63 characters'), description: z.string().max(1000).optional() }).strict(),
      response: { 201: ProjectSchema, ...ERROR_RESPONSES },
    },
  }, async (request, reply) => reply.code(201).send(await services.projects.create(actorOf(request), request.body)));
};
