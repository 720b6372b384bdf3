// /api/prices and /api/limits: the price table behind costs and budgets, per-key limits, and the
// current usage of a key or route from the same counters enforcement uses.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors/index.js';
import { RouteLimitsSchema } from '../../gateway/index.js';
import { actorOf } from '../auth-plugin.js';
import { ERROR_RESPONSES, listOf } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const PriceSchema = z.object({ provider: z.string(), model: z.string(), inputPerMTok: z.number(), outputPerMTok: z.number(), updatedAt: z.string() });
const PriceBody = z.object({ provider: z.string().min(1), model: z.string().min(1).describe('Upstream model id, or * for every model of the provider'), inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) }).strict();
const UsageSchema = z.object({
  scope: z.object({ kind: z.string(), id: z.string() }),
  requests: z.object({ used: z.number(), limit: z.number().nullable(), resetAt: z.string() }),
  // `reserved`: the worst cases held by requests in flight; `remaining` = limit − used − reserved.
  tokens: z.object({ used: z.number(), reserved: z.number(), limit: z.number().nullable(), remaining: z.number().nullable(), resetAt: z.string() }),
  spendUsd: z.object({ used: z.number(), reserved: z.number(), limit: z.number().nullable(), remaining: z.number().nullable(), period: z.string(), resetAt: z.string() }),
});
const LimitsSchema = z.object({ requestsPerMinute: z.number().optional(), tokensPerMinute: z.number().optional(), budgetUsd: z.number().optional(), budgetPeriod: z.string() });

export const limitRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { prices, keyLimits, limits, routes } = services.gatewayServices;

  app.get('/api/prices', { config: { role: 'viewer' }, schema: { tags: ['prices'], summary: 'The price table (USD per million tokens)', response: { 200: listOf(PriceSchema), ...ERROR_RESPONSES } } }, async (request) => ({ data: prices.list(actorOf(request).projectId) }));

  app.put('/api/prices', { config: { role: 'admin' }, schema: { tags: ['prices'], summary: 'Set the price of a provider model', body: PriceBody, response: { 200: PriceSchema, ...ERROR_RESPONSES } } }, async (request) =>
    prices.put(actorOf(request), request.body),
  );

  app.delete('/api/prices/:provider/*', {
    config: { role: 'admin' },
    schema: { tags: ['prices'], summary: 'Remove a price', params: z.object({ provider: z.string(), '*': z.string() }), response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    await prices.remove(actorOf(request), request.params.provider, request.params['*']);
    return reply.code(204).send(null);
  });

  app.get('/api/limits/keys/:id', { config: { role: 'admin' }, schema: { tags: ['limits'], summary: 'Limits and current usage of an API key', params: z.object({ id: z.string() }), response: { 200: z.object({ limits: LimitsSchema, override: z.boolean(), usage: UsageSchema }), ...ERROR_RESPONSES } } }, async (request) => {
    const id = request.params.id;
    const { limits: applied, override } = await keyLimits.ofKey(actorOf(request), id);
    return { limits: applied, override, usage: await limits.usage({ kind: 'key', id, limits: applied }) };
  });

  app.put('/api/limits/keys/:id', { config: { role: 'admin' }, schema: { tags: ['limits'], summary: 'Set the limits of an API key', params: z.object({ id: z.string() }), body: RouteLimitsSchema, response: { 200: LimitsSchema, ...ERROR_RESPONSES } } }, async (request) =>
    keyLimits.put(actorOf(request), request.params.id, request.body),
  );

  app.delete('/api/limits/keys/:id', { config: { role: 'admin' }, schema: { tags: ['limits'], summary: 'Remove a key’s own limits (the default applies again)', params: z.object({ id: z.string() }), response: { 204: z.null(), ...ERROR_RESPONSES } } }, async (request, reply) => {
    await keyLimits.remove(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/limits/routes/:name', { config: { role: 'viewer' }, schema: { tags: ['limits'], summary: 'Limits and current usage of a route', params: z.object({ name: z.string() }), response: { 200: z.object({ limits: LimitsSchema, usage: UsageSchema }), ...ERROR_RESPONSES } } }, async (request) => {
    const route = routes.get(actorOf(request).projectId, request.params.name);
    if (!route) throw notFound(`route ${request.params.name}`);
    return { limits: route.config.limits, usage: await limits.usage({ kind: 'route', id: `${route.projectId}/${route.name}`, limits: route.config.limits }) };
  });
};
