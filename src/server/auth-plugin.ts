// Authentication and roles for every route. Each /api route must declare the role it needs (the
// server refuses to start otherwise); /v1 routes need a data-plane key; a few routes are public.
// The declared roles are kept in `app.routeRoles`: the README's role table is rendered from them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StewardError } from '../errors/index.js';
import { type Actor, type ApiKeyService, type RequiredRole, roleAllows } from '../governance/index.js';

/** What one route requires, as registered (the one source of the role table). */
export interface DeclaredRoute {
  method: string;
  url: string;
  role: RequiredRole | 'public';
  tags: readonly string[];
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; `public` needs no key. Required on every /api route. */
    role?: RequiredRole | 'public';
  }
  interface FastifyRequest {
    actor: Actor | undefined;
  }
  interface FastifyInstance {
    /** Every route with the role it requires, in registration order. */
    routeRoles: DeclaredRoute[];
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

/** The role a route requires: its declaration, else `data-plane` under /v1 and `public` elsewhere. */
function requiredRole(url: string, declared: RequiredRole | 'public' | undefined): RequiredRole | 'public' {
  return declared ?? (url.startsWith('/v1') ? 'data-plane' : 'public');
}

/**
 * Who is calling: the one place a request becomes an actor (an API key today; a signed-in
 * session can be resolved here too). Undefined when the request carries no credential.
 */
export async function resolveActor(request: FastifyRequest, keys: ApiKeyService, cookieActor?: (request: FastifyRequest) => Promise<Actor | undefined>): Promise<Actor | undefined> {
  const token = bearerToken(request);
  // A request without a key may carry a person's session cookie (src/server/cookie-actor.ts).
  if (!token) return cookieActor?.(request);
  return keys.authenticate(token);
}

export function registerAuth(app: FastifyInstance, keys: ApiKeyService, cookieActor?: (request: FastifyRequest) => Promise<Actor | undefined>): void {
  app.decorateRequest('actor', undefined);
  app.decorate('routeRoles', [] as DeclaredRoute[]);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (url.startsWith('/api') && !route.config?.role) {
      throw new Error(`route ${route.method} ${url} does not declare the role it requires`);
    }
    const schema = route.schema as { tags?: readonly string[]; hide?: boolean } | undefined;
    const role = requiredRole(url, route.config?.role);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.routeRoles.push({ method, url, role, tags: schema?.tags ?? [], hidden: schema?.hide === true });
    }
  });

  app.addHook('onRequest', async (request) => {
    const required = requiredRole(request.url, request.routeOptions.config?.role);
    if (required === 'public') return;
    const actor = await resolveActor(request, keys, cookieActor);
    if (!actor) throw new StewardError({ code: 'UNAUTHENTICATED' });
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
