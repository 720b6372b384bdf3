// Liveness, readiness and Prometheus metrics: for load balancers and scrapers, no key needed.
import type { RouteModule } from './route-module.js';

export const healthRoutes: RouteModule = (app, services) => {
  app.get('/healthz', { config: { role: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { role: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await services.store.ping();
      return { status: 'ready', store: services.store.engine };
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', store: services.store.engine, error: error instanceof Error ? error.message : String(error) });
    }
  });

  app.get('/metrics', { config: { role: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const body = await services.metrics.metrics();
    return reply.header('content-type', services.metrics.contentType).send(body);
  });
};
