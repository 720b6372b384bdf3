// Builds the Fastify application: validation and OpenAPI from the same zod schemas, auth, the
// error shapes, and every route module.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import { type ZodTypeProvider, jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAuth } from './auth-plugin.js';
import { cookieActorResolver } from './cookie-actor.js';
import { errorResponse, errorShapeOf, toStewardError } from './http-error.js';
import { logRequestFailure } from './request-failure-log.js';
import { limitJsonDepth } from './json-depth.js';
import { responseSerializer } from './response-serializer.js';
import { ROUTE_MODULES } from './routes/index.js';
import type { StewardServices } from './services.js';

export type StewardApp = FastifyInstance;

export interface BuildAppOptions {
  /** Pino logger options (a `stream` to capture lines), or false for none. */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

const VERSION = '0.1.0';

export async function buildApp(services: StewardServices, options: BuildAppOptions = {}): Promise<StewardApp> {
  const app = Fastify({
    logger: options.logger ?? { level: services.config.server.logLevel },
    bodyLimit: services.config.server.bodyLimitBytes,
    // Per-request log lines would cost the gateway's hot path; traces record every request instead.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    requestIdHeader: false,
    // The router's own errors (bad percent-encoding, over-long parameters) get the same shapes as
    // every other error instead of Fastify's `{"error":"Bad Request","statusCode":400}`.
    frameworkErrors: (error, request, reply) => {
      const response = errorResponse(error, errorShapeOf(request.url));
      // The reply here is untyped by routes: it is the plain FastifyReply.
      void (reply as FastifyReply).code(response.status).headers(response.headers).send(response.body);
    },
  }).withTypeProvider<ZodTypeProvider>();

  limitJsonDepth(app, services.config.server.maxJsonDepth);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer({ strict: services.config.server.strictResponses }));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Steward API', description: 'Self-hosted LLMOps platform: management API (/api) and OpenAI-compatible data plane (/v1).', version: VERSION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Contract schemas with an id (`.meta({ id })`) become named components that every use refers to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerAuth(app, services.keys, cookieActorResolver(services));

  app.setErrorHandler((error, request, reply) => {
    const shape = errorShapeOf(request.url);
    const response = errorResponse(error, shape);
    logRequestFailure(request, error, toStewardError(error), response.status);
    void reply.code(response.status).headers(response.headers).send(response.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const shape = errorShapeOf(request.url);
    const response = errorResponse(
      Object.assign(new Error(`no endpoint ${request.method} ${request.url.split('?')[0]}`), { statusCode: 404 }),
      shape,
    );
    const body = response.body as { error: Record<string, unknown> };
    if (shape !== 'anthropic') body.error.code = shape === 'openai' ? 'route_not_found' : 'ROUTE_NOT_FOUND';
    void reply.code(404).send(body);
  });

  for (const register of ROUTE_MODULES) await register(app, services);
  app.get('/openapi.json', { schema: { hide: true }, config: { role: 'public' } }, async () => app.swagger());
  return app;
}
