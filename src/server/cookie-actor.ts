// The second way a request becomes an actor, after API keys: a person's dashboard session cookie.
// Only /api accepts it (the data plane /v1 stays keys-only), and a write made with it must echo the
// session's CSRF token in a header (double submit, bound to the session): another site can make the
// browser send the cookie, but cannot read the token to send with it.
import type { FastifyRequest } from 'fastify';
import { StewardError } from '../errors/index.js';
import type { Actor } from '../governance/index.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, readCookies } from './oidc/http-cookies.js';
import { signInServicesOf } from './oidc/sign-in-services.js';
import type { StewardServices } from './services.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CookieActorResolver = (request: FastifyRequest) => Promise<Actor | undefined>;

export function cookieActorResolver(services: StewardServices): CookieActorResolver {
  return async (request) => {
    if (!request.url.startsWith('/api/')) return undefined;
    const cookies = readCookies(request);
    const id = cookies[SESSION_COOKIE];
    if (!id) return undefined;
    const session = await signInServicesOf(services).sessions.resolve(id);
    if (!session) return undefined;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || header !== cookies[CSRF_COOKIE] || !session.checkCsrf(header)) {
        throw new StewardError({ code: 'CSRF_FAILED', details: { header: CSRF_HEADER, cookie: CSRF_COOKIE } });
      }
    }
    return session.actor;
  };
}
