// GET /v1/models and /v1/models/{model}: every route, registry model and provider model a key may call,
// all of the key's own project (and the providers every project may use).
import { StewardError } from '../../errors/index.js';
import type { ModelInfo } from '../../providers/spec/index.js';
import { actorOf } from '../auth-plugin.js';
import type { StewardServices } from '../services.js';
import type { RouteModule } from './route-module.js';

const PROVIDER_LIST_TTL_MS = 60_000;
const PROVIDER_LIST_TIMEOUT_MS = 3_000;

export const v1ModelsRoutes: RouteModule = (app, services) => {
  const upstream = new Map<string, { at: number; models: ModelInfo[] }>();

  async function providerModels(projectId: string): Promise<ModelInfo[]> {
    const now = Date.now();
    const lists = await Promise.all(
      services.gatewayServices.registry.listFor(projectId).map(async ({ name, entry }) => {
        // Per project for a project's own provider: another project's provider of that name lists other models.
        const cacheKey = entry.source === 'api' ? `${entry.projectId ?? ''}/${name}` : name;
        const cached = upstream.get(cacheKey);
        if (cached && now - cached.at < PROVIDER_LIST_TTL_MS) return cached.models;
        if (!entry.provider.listModels) return [];
        try {
          const models = (await entry.provider.listModels({ signal: AbortSignal.timeout(PROVIDER_LIST_TIMEOUT_MS) })).map((m) => ({ ...m, id: `${name}/${m.id}`, owned_by: m.owned_by || name }));
          upstream.set(cacheKey, { at: now, models });
          return models;
        } catch {
          upstream.set(cacheKey, { at: now, models: [] });
          return [];
        }
      }),
    );
    return lists.flat();
  }

  app.get('/v1/models', { schema: { tags: ['data plane'], summary: 'List the routes and models this key may call' } }, async (request, reply) => {
    const { projectId } = actorOf(request);
    const data = [...routeModels(services, projectId), ...(await registryModels(services, projectId)), ...(await providerModels(projectId))];
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

async function registryModels(services: StewardServices, projectId: string): Promise<ModelInfo[]> {
  const names = await Promise.all(services.gatewayServices.resolvers.map((r) => r.listNames?.(projectId).catch(() => []) ?? Promise.resolve([])));
  return names.flat().map((id) => ({ id, object: 'model', created: 0, owned_by: 'steward-registry' }));
}
