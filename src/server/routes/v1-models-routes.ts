// GET /v1/models and /v1/models/{model}: every route, registry model and provider model a key may call,
// all of the key's own project (and the providers every project may use). The list is the same on
// every replica: it comes from the store (routes, registry versions, aliases and what they pin,
// providers added through /api/providers), and builtin models fine-tuned into the artifact store
// appear through the project's registry versions, never because one replica happens to hold a copy.
import { StewardError } from '../../errors/index.js';
import type { ModelInfo } from '../../providers/spec/index.js';
import { actorOf } from '../auth-plugin.js';
import type { StewardServices } from '../services.js';
import type { RouteModule } from './route-module.js';

const PROVIDER_LIST_TTL_MS = 60_000;
/** A failed upstream list is retried soon: caching the failure as long would keep replicas' lists apart. */
const PROVIDER_LIST_FAILURE_TTL_MS = 5_000;
const PROVIDER_LIST_TIMEOUT_MS = 3_000;

export const v1ModelsRoutes: RouteModule = (app, services) => {
  const upstream = new Map<string, { at: number; ttlMs: number; models: ModelInfo[] }>();

  async function providerModels(projectId: string): Promise<ModelInfo[]> {
    const now = Date.now();
    const lists = await Promise.all(
      services.gatewayServices.registry.listFor(projectId).map(async ({ name, entry }) => {
        // Per project for a project's own provider: another project's provider of that name lists other models.
        const cacheKey = entry.source === 'api' ? `${entry.projectId ?? ''}/${name}` : name;
        const cached = upstream.get(cacheKey);
        if (cached && now - cached.at < cached.ttlMs) return cached.models;
        if (!entry.provider.listModels) return [];
        try {
          const models = (await entry.provider.listModels({ signal: AbortSignal.timeout(PROVIDER_LIST_TIMEOUT_MS) })).map((m) => ({ ...m, id: `${name}/${m.id}`, owned_by: m.owned_by || name }));
          upstream.set(cacheKey, { at: now, ttlMs: PROVIDER_LIST_TTL_MS, models });
          return models;
        } catch {
          upstream.set(cacheKey, { at: now, ttlMs: PROVIDER_LIST_FAILURE_TTL_MS, models: [] });
          return [];
        }
      }),
    );
    return lists.flat();
  }

  app.get('/v1/models', { schema: { tags: ['data plane'], summary: 'List the routes and models this key may call' } }, async (request, reply) => {
    const { projectId } = actorOf(request);
    const [registry, pinned, providers, artifactNames] = await Promise.all([registryModels(services, projectId), pinnedModels(services, projectId), providerModels(projectId), builtinArtifactNames(services)]);
    // A builtin model that is a named artifact sits in the data dir of the replica that trained it
    // and in the caches of those that served it: it is listed through the versions that pin it.
    const shared = providers.filter((m) => !(m.owned_by === 'steward' && m.id.startsWith('builtin/') && artifactNames.has(m.id.slice('builtin/'.length))));
    const data = [...routeModels(services, projectId), ...registry, ...pinned, ...shared];
    const seen = new Set<string>();
    const unique = data.filter((m) => !seen.has(m.id) && seen.add(m.id));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ object: 'list', data: unique }));
  });

  app.get('/v1/models/*', { schema: { tags: ['data plane'], summary: 'Retrieve one model or route' } }, async (request, reply) => {
    const id = decodeURIComponent((request.params as { '*': string })['*']);
    const { projectId } = actorOf(request);
    const route = services.gatewayServices.routes.get(projectId, id);
    if (route) return reply.type('application/json; charset=utf-8').send(JSON.stringify(routeModel(route.name, route.updatedAt)));
    const resolved = await services.gateway.planner.resolve(projectId, id);
    if (!resolved) throw new StewardError({ code: 'MODEL_NOT_FOUND', message: `The model \`${id}\` does not exist or you do not have access to it`, details: { param: 'model' } });
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ id, object: 'model', created: 0, owned_by: resolved.provider }));
  });
};

function routeModel(name: string, updatedAt: string): ModelInfo {
  return { id: name, object: 'model', created: Math.floor(Date.parse(updatedAt) / 1000), owned_by: 'steward-route' };
}

function routeModels(services: StewardServices, projectId: string): ModelInfo[] {
  return services.gatewayServices.routes.list(projectId).map((route) => routeModel(route.name, route.updatedAt));
}

/** Versions and alias references, and a model's bare name when it has a production alias (what the bare name calls). */
async function registryModels(services: StewardServices, projectId: string): Promise<ModelInfo[]> {
  const names = (await Promise.all(services.gatewayServices.resolvers.map((r) => r.listNames?.(projectId).catch(() => []) ?? Promise.resolve([])))).flat();
  const bare = names.filter((name) => name.endsWith('@production')).map((name) => name.slice(0, -'@production'.length));
  return [...names, ...bare].map((id) => ({ id, object: 'model', created: 0, owned_by: 'steward-registry' }));
}

/**
 * The provider models the project's live registry versions pin (`provider/model`, and
 * `builtin/<artifact>` for fine-tunes), callable on every replica even when the provider cannot list them.
 */
async function pinnedModels(services: StewardServices, projectId: string): Promise<ModelInfo[]> {
  const models = await services.registry.listModels(projectId);
  const versions = (await Promise.all(models.map((m) => services.registry.listVersions(projectId, m.name)))).flat();
  const callable = new Set(services.gatewayServices.registry.listFor(projectId).map(({ name }) => name));
  return versions
    .filter((v) => !v.discontinued && callable.has(v.spec.provider))
    .map((v) => {
      const model = 'artifact' in v.spec ? v.spec.artifact.path : v.spec.model;
      return { id: `${v.spec.provider}/${model}`, object: 'model', created: Math.floor(Date.parse(v.createdAt) / 1000), owned_by: v.spec.provider === 'builtin' ? 'steward' : v.spec.provider };
    });
}

/** Names of builtin models held in the artifact store (fine-tunes, distillations). */
async function builtinArtifactNames(services: StewardServices): Promise<Set<string>> {
  const rows = await services.store.db.selectFrom('artifact_names').select('name').execute();
  return new Set(rows.map((r) => r.name));
}
