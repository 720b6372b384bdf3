// /api/providers: upstream providers configured through the API (admin). Keys are stored sealed and
// never returned; providers from the environment and steward.yaml are listed read-only.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../errors/index.js';
import { ProviderConfigSchema } from '../../providers/provider-config.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import { ProviderBodySchema as ProviderBody, ProviderNameParamsSchema as NameParams, ProviderSchema } from '../../contracts/provider-contract.js';
import type { RouteModule } from './route-module.js';

/** `shared` rides along the provider config in the body; it is not part of the config itself. */
function sharedFlag(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid('shared must be true or false', { param: 'shared' });
  return value;
}

export const providerRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const providers = services.gatewayServices.providers;
  const tags = ['providers'];

  const validated = (body: Record<string, unknown>) => {
    const parsed = ProviderConfigSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(`${issue.path.join('.') || 'config'}: ${issue.message}`, { param: issue.path.join('.') });
    }
    return body as z.input<typeof ProviderConfigSchema>;
  };

  app.get('/api/providers', { config: { role: 'viewer' }, schema: { tags, summary: 'List providers (never their keys)', response: { 200: listOf(ProviderSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: providers.list(actorOf(request).projectId) }));

  app.get('/api/providers/:name', { config: { role: 'viewer' }, schema: { tags, summary: 'Get a provider', params: NameParams, response: { 200: ProviderSchema, ...ERROR_RESPONSES } } }, async (request) => providers.get(actorOf(request).projectId, request.params.name));

  app.post('/api/providers', { config: { role: 'admin' }, schema: { tags, summary: 'Configure a provider', body: ProviderBody, response: { 201: ProviderSchema, ...ERROR_RESPONSES } } }, async (request, reply) => {
    const { shared, ...config } = request.body;
    const body = validated(config);
    return reply.code(201).send(await providers.put(actorOf(request), body, { shared: sharedFlag(shared) }));
  });

  app.put('/api/providers/:name', { config: { role: 'admin' }, schema: { tags, summary: 'Replace a provider (omit apiKey to keep the stored one)', params: NameParams, body: ProviderBody, response: { 200: ProviderSchema, ...ERROR_RESPONSES } } }, async (request) => {
    const { shared, ...config } = request.body;
    const body = validated({ ...config, name: config.name ?? request.params.name });
    if (body.name !== request.params.name) throw invalid('name differs from the path', { param: 'name' });
    return providers.put(actorOf(request), body, { shared: sharedFlag(shared) });
  });

  app.delete('/api/providers/:name', { config: { role: 'admin' }, schema: { tags, summary: 'Remove a provider and its stored key', params: NameParams, response: { 204: z.null(), ...ERROR_RESPONSES } } }, async (request, reply) => {
    await providers.remove(actorOf(request), request.params.name);
    return reply.code(204).send(null);
  });
};
