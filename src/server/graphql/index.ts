// The GraphQL read API: POST /graphql over the services the REST routes call, in the caller's
// project, with depth and cost limits; GraphiQL at GET /graphql when `server.graphiql` is on.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import mercurius, { type IResolvers, type MercuriusLoaders } from 'mercurius';
import { StewardError } from '../../errors/index.js';
import { toStewardError } from '../http-error.js';
import { actorOf } from '../auth-plugin.js';
import type { RouteModule } from '../routes/route-module.js';
import type { StewardServices } from '../services.js';
import { GRAPHIQL_HTML } from './graphiql-page.js';
import { graphqlContext } from './graphql-context.js';
import { type FormattedError, GraphqlRequestSchema, GraphqlResponseSchema } from './graphql-contract.js';
import { asGraphqlError, formatGraphqlErrors } from './graphql-errors.js';
import { measureQuery } from './limits/query-limits.js';
import { PersistedQueries } from './persisted-queries.js';
import { GRAPHQL_LOADERS, GRAPHQL_RESOLVERS } from './resolvers/index.js';
import { GRAPHQL_SCHEMA } from './schema/index.js';

export { GRAPHQL_SCHEMA } from './schema/index.js';

type Measured = (schema: GraphQLSchema, document: DocumentNode, context: unknown, variables?: Record<string, unknown>) => Promise<void>;

function limitQueries(maxDepth: number, maxCost: number): Measured {
  return async (schema, document, _context, variables) => {
    const { depth, cost } = measureQuery(schema, document, variables);
    if (depth > maxDepth) throw new StewardError({ code: 'GRAPHQL_QUERY_TOO_DEEP', message: `the query nests ${depth} fields deep; the limit is ${maxDepth}`, details: { depth, maxDepth } });
    if (cost > maxCost) throw new StewardError({ code: 'GRAPHQL_QUERY_TOO_COSTLY', message: `the query would read about ${cost} fields; the limit is ${maxCost} (ask for smaller pages with first:)`, details: { cost, maxCost } });
  };
}

function sendFailure(reply: FastifyReply, error: unknown) {
  const { statusCode, response } = formatGraphqlErrors({ errors: [asGraphqlError(error)] }, { reply });
  return reply.code(statusCode).send(response);
}

async function graphqlScope(scope: FastifyInstance, services: StewardServices): Promise<void> {
  const { graphiql, graphqlMaxDepth, graphqlMaxCost } = services.config.server;
  await scope.register(mercurius, {
    schema: GRAPHQL_SCHEMA,
    // Mercurius types resolvers loosely; ours are typed by their parent records (resolvers/).
    resolvers: GRAPHQL_RESOLVERS as unknown as IResolvers,
    loaders: GRAPHQL_LOADERS as unknown as MercuriusLoaders,
    // Routes are ours (roles, OpenAPI, error shapes); mercurius parses, validates, caches and executes.
    routes: false,
    errorFormatter: formatGraphqlErrors,
  });
  scope.graphql.addHook('preExecution', limitQueries(graphqlMaxDepth, graphqlMaxCost));
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const persisted = new PersistedQueries();

  app.post('/graphql', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graphql'],
      summary: 'Run a GraphQL query over models, datasets, training, evaluations, deployments, traces and lineage',
      description: 'Read-only; scoped to the key’s project. Errors carry extensions.code from the error catalogue (GRAPHQL_QUERY_TOO_DEEP, GRAPHQL_QUERY_TOO_COSTLY, GRAPHQL_VALIDATION_FAILED…). See the README’s GraphQL section.',
      body: GraphqlRequestSchema,
      // 401 and 403 come from the auth plugin in the management shape {"error":{"code","message","details"}}, as on /api.
      response: { 200: GraphqlResponseSchema, 400: GraphqlResponseSchema },
    },
    // A body that is not JSON or not a GraphQL request is answered in the GraphQL shape too; the
    // auth plugin's 401/403 keep the management shape (its parent handler), as on /api.
    errorHandler: (error, _request, reply) => {
      if ([401, 403].includes(toStewardError(error).status)) throw error;
      return sendFailure(reply, error);
    },
  }, async (request, reply) => {
    const { variables, operationName, extensions } = request.body;
    const context = graphqlContext(services, actorOf(request).projectId);
    try {
      const query = persisted.resolve(request.body.query, extensions);
      // Status and error shapes of an executed query are set by formatGraphqlErrors.
      const result = await reply.graphql(query, context, variables ?? undefined, operationName ?? undefined);
      // formatGraphqlErrors has already replaced the errors with their formatted shape.
      const errors = result.errors as unknown as FormattedError[] | undefined;
      return { data: result.data ?? null, ...(errors ? { errors } : {}) };
    } catch (error) {
      return sendFailure(reply, error);
    }
  });

  if (graphiql) {
    app.get('/graphql', { config: { role: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(GRAPHIQL_HTML));
  }
}

export const graphqlRoutes: RouteModule = async (app, services) => {
  // Its own scope: mercurius' decorations and hooks stay with the GraphQL route.
  await app.register((scope) => graphqlScope(scope, services));
};
