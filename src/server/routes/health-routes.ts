// Liveness and readiness for load balancers (no key needed), and Prometheus metrics: public only
// when STEWARD_METRICS_PUBLIC=true, else a viewer or metrics key, which sees only its project's series.
import { isInstanceOwner } from '../../governance/index.js';
import { actorOf } from '../auth-plugin.js';
import { exposeForProject } from '../metrics-registry.js';
import type { RouteModule } from './route-module.js';

export const healthRoutes: RouteModule = (app, services) => {
  app.get('/healthz', { config: { role: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  // Not ready while the store does not answer, or while the trace journal holds more than
  // journal.readyMaxBytes not yet stored (the store is too slow or refusing writes).
  app.get('/readyz', { config: { role: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const backlogBytes = services.gatewayServices.traceWriter.stats.backlogBytes;
    const journal = { backlogBytes, readyMaxBytes: services.config.journal.readyMaxBytes };
    try {
      await services.store.ping();
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', store: services.store.engine, journal, error: error instanceof Error ? error.message : String(error) });
    }
    if (backlogBytes > journal.readyMaxBytes) return reply.code(503).send({ status: 'not ready', store: services.store.engine, journal, error: 'the trace journal backlog is over journal.readyMaxBytes' });
    return { status: 'ready', store: services.store.engine, journal };
  });

  const metricsPublic = services.config.security.metricsPublic;
  app.get('/metrics', { config: { role: metricsPublic ? 'public' : 'metrics' }, schema: { hide: true } }, async (request, reply) => {
    const body = await services.metrics.metrics();
    const visible = metricsPublic || isInstanceOwner(actorOf(request)) ? body : exposeForProject(body, actorOf(request).projectId);
    return reply.header('content-type', services.metrics.contentType).send(visible);
  });
};
