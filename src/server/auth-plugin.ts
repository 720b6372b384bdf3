// Authentication and roles for every route. Each /api route must declare the role it needs (the
// server refuses to start otherwise); /v1 routes need a data-plane key; a few routes are public.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StewardError } from '../errors/index.js';
import { type Actor, type ApiKeyService, type RequiredRole, roleAllows } from '../governance/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; `public` needs no key. Required on every /api route. */
    role?: RequiredRole | 'public';
  }
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

/** The caller of an authenticated route (throws if called on a public one: a wiring bug). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new StewardError({ code: 'UNAUTHENTICATED' });
  return request.actor;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : undefined;
  }
  // Anthropic-style and Azure-style clients send their key in these headers.
  const alt = request.headers['x-api-key'] ?? request.headers['api-key'];
  return typeof alt === 'string' ? alt : undefined;
}

export function registerAuth(app: FastifyInstance, keys: ApiKeyService): void {
  app.decorateRequest('actor', undefined);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (url.startsWith('/api') && !route.config?.role) {
      throw new Error(`route ${route.method} ${url} does not declare the role it requires`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const required = config?.role ?? (request.url.startsWith('/v1') ? 'data-plane' : 'public');
    if (required === 'public') return;
    const token = bearerToken(request);
    if (!token) throw new StewardError({ code: 'UNAUTHENTICATED' });
    const actor = await keys.authenticate(token);
    if (!roleAllows(actor.role, required)) {
      throw new StewardError({
        code: 'FORBIDDEN',
        message: required === 'data-plane' ? `a ${actor.role} key cannot call the data plane` : `this action needs the ${required} role; the key has ${actor.role}`,
        details: { required, role: actor.role },
      });
    }
    request.actor = actor;
  });
}
