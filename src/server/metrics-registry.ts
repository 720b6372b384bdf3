// One Prometheus registry per server instance (tests run several in one process), with Node's
// default process metrics.
import { Registry, collectDefaultMetrics } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'steward_' });
  return registry;
}
