// /api/routes: the names clients call, with every change kept as a revision. Writes need a developer key.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, invalid, notFound } from '../../errors/index.js';
import type { Route, RouteRevision } from '../../gateway/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import { type RouteConfig, RouteNameParamsSchema as NameParams, RouteRevisionSchema as RevisionSchema, RouteSchema, WriteRouteBodySchema as WriteBody } from '../../contracts/route-contract.js';
import type { RouteModule } from './route-module.js';

// The service's config type is its strict validator's output: the contract's (looser) shape holds it.
const toJson = (route: Route) => ({ ...route, config: route.config as unknown as RouteConfig });
const revJson = (revision: RouteRevision) => ({ ...revision, config: revision.config as unknown as RouteConfig | null });

export const routeRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const routes = services.gatewayServices.routes;
  const tags = ['routes'];

  app.get('/api/routes', { config: { role: 'viewer' }, schema: { tags, summary: 'List routes (current revisions)', response: { 200: listOf(RouteSchema), ...ERROR_RESPONSES } } }, async (request) => ({
    data: routes.list(actorOf(request).projectId).map(toJson),
  }));

  app.get('/api/routes/:name', { config: { role: 'viewer' }, schema: { tags, summary: 'Get a route', params: NameParams, response: { 200: RouteSchema, ...ERROR_RESPONSES } } }, async (request) => {
    const route = routes.get(actorOf(request).projectId, request.params.name);
    if (!route) throw notFound(`route ${request.params.name}`);
    return toJson(route);
  });

  app.post('/api/routes', { config: { role: 'developer' }, schema: { tags, summary: 'Create a route (revision 1)', body: WriteBody, response: { 201: RouteSchema, ...ERROR_RESPONSES } } }, async (request, reply) => {
    const name = request.body.config.name;
    if (typeof name === 'string' && routes.get(actorOf(request).projectId, name)) throw conflict(`route ${name} exists; PUT /api/routes/${name} adds a revision`);
    return reply.code(201).send(toJson(await routes.put(actorOf(request), request.body.config, request.body.reason)));
  });

  app.put('/api/routes/:name', { config: { role: 'developer' }, schema: { tags, summary: 'Create or update a route (a new revision)', params: NameParams, body: WriteBody, response: { 200: RouteSchema, ...ERROR_RESPONSES } } }, async (request) => {
    const config = { ...request.body.config, name: request.body.config.name ?? request.params.name };
    if (config.name !== request.params.name) throw invalid(`config.name (${String(config.name)}) differs from the path (${request.params.name})`, { param: 'config.name' });
    return toJson(await routes.put(actorOf(request), config, request.body.reason));
  });

  app.delete('/api/routes/:name', { config: { role: 'developer' }, schema: { tags, summary: 'Delete a route (its revisions stay)', params: NameParams, querystring: z.object({ reason: z.string().max(1000).optional() }), response: { 204: z.null(), ...ERROR_RESPONSES } } }, async (request, reply) => {
    await routes.delete(actorOf(request), request.params.name, request.query.reason);
    return reply.code(204).send(null);
  });

  app.get('/api/routes/:name/revisions', { config: { role: 'viewer' }, schema: { tags, summary: 'Every revision of a route, newest first', params: NameParams, response: { 200: listOf(RevisionSchema), ...ERROR_RESPONSES } } }, async (request) => ({
    data: (await routes.revisions(actorOf(request).projectId, request.params.name)).map(revJson),
  }));

  app.get('/api/routes/:name/revisions/:revision', {
    config: { role: 'viewer' },
    schema: { tags, summary: 'One revision of a route', params: z.object({ name: z.string().min(1), revision: z.coerce.number().int().positive() }), response: { 200: RevisionSchema, ...ERROR_RESPONSES } },
  }, async (request) => revJson(await routes.revision(actorOf(request).projectId, request.params.name, request.params.revision)));
};
