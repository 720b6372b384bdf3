// One Prometheus registry per server instance (tests run several in one process), with Node's
// default process metrics; and the exposition a project-scoped key may see.
import { Registry, collectDefaultMetrics } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'steward_' });
  return registry;
}

// Labels whose values name a tenant's things (route, model, provider target, key).
const TENANT_LABELS = new Set(['route', 'target', 'model', 'provider', 'key', 'version']);
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(.*)\})?\s/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Narrows a text exposition to what a key of `projectId` may see: series labelled with its own
 * project, and series that name no tenant's things (process, runtime, per-endpoint overhead).
 * A series with another project's label, or with a route/target/model label but no project label
 * (so its owner is unknown), is left out.
 */
export function exposeForProject(text: string, projectId: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      kept.push(line);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels = new Map<string, string>();
    for (const [, name, value] of (match[1] ?? '').matchAll(LABEL)) labels.set(name, value);
    const project = labels.get('project');
    if (project !== undefined) {
      if (project === projectId) kept.push(line);
      continue;
    }
    if (![...labels.keys()].some((name) => TENANT_LABELS.has(name))) kept.push(line);
  }
  return kept.join('\n');
}
