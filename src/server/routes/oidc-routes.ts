// People sign in to the dashboard with OpenID Connect (authorization code + PKCE): /auth/oidc/login
// sends the browser to the provider, /auth/oidc/callback turns the validated ID token into a
// server-side session (HttpOnly cookie, SameSite=Lax, Secure over TLS) in the project and role the
// claim mappings grant, /auth/logout ends it. /auth/session tells the dashboard what it may offer.
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StewardError } from '../../errors/index.js';
import { claimValues, mapClaims, systemActor } from '../../governance/index.js';
import { CSRF_COOKIE, CSRF_HEADER, LOGIN_COOKIE, SESSION_COOKIE, isTls, readCookies, serializeCookie } from '../oidc/http-cookies.js';
import { signInServicesOf } from '../oidc/sign-in-services.js';
import { ERROR_RESPONSES } from '../../contracts/common-contract.js';
import type { RouteModule } from './route-module.js';

const LOGIN_PATH = '/auth/oidc';

export const oidcRoutes: RouteModule = (base, services) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const config = { role: 'public' as const };
  const parts = () => signInServicesOf(services);
  // Over TLS, or behind a TLS-terminating proxy (the public redirect URL is https): Secure cookies.
  const secureCookies = (request: FastifyRequest) => isTls(request) || services.config.oidc?.redirectUrl.startsWith('https:') === true;
  const signIn = () => {
    const oidc = parts().oidc;
    if (!oidc) throw new StewardError({ code: 'NOT_FOUND', message: 'OpenID Connect sign-in is not configured on this server (oidc in steward.yaml, or STEWARD_OIDC_*)' });
    return oidc;
  };

  app.get('/auth/session', {
    config,
    schema: { tags, summary: 'Whether OpenID Connect sign-in is offered, and whether this browser has a session', response: { 200: z.object({ oidc: z.boolean(), signedIn: z.boolean(), name: z.string().nullable(), role: z.string().nullable() }) } },
  }, async (request) => {
    const id = readCookies(request)[SESSION_COOKIE];
    const session = id ? await parts().sessions.resolve(id) : undefined;
    return { oidc: parts().oidc !== undefined, signedIn: session !== undefined, name: session?.actor.name ?? null, role: session?.actor.role ?? null };
  });

  app.get('/auth/oidc/login', {
    config,
    schema: { tags, summary: 'Start signing in: redirects to the OpenID provider', querystring: z.object({ returnTo: z.string().optional() }), response: { ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const started = await signIn().start(request.query.returnTo);
    return reply
      .header('set-cookie', serializeCookie(LOGIN_COOKIE, started.pending, { httpOnly: true, secure: secureCookies(request), path: LOGIN_PATH, maxAgeSeconds: started.maxAgeSeconds }))
      .header('cache-control', 'no-store')
      .redirect(started.redirect, 302);
  });

  app.get('/auth/oidc/callback', {
    config,
    schema: { tags, summary: 'The OpenID provider returns here: the code is exchanged and a session begins', response: { ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const oidc = signIn();
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const clearLogin = serializeCookie(LOGIN_COOKIE, '', { httpOnly: true, secure: secureCookies(request), path: LOGIN_PATH, maxAgeSeconds: 0 });
    reply.header('set-cookie', clearLogin).header('cache-control', 'no-store');
    const signedIn = await oidc.finish(query, readCookies(request)[LOGIN_COOKIE]);
    const grant = mapClaims(signedIn.claims, oidc.settings);
    if (!grant) {
      const values = claimValues(signedIn.claims, oidc.settings.claim);
      throw new StewardError({
        code: 'NO_ROLE_MAPPED',
        message: `signed in as ${signedIn.name}, but no project role is mapped to you: your ${oidc.settings.claim} claim (${values.length ? values.join(', ') : 'empty'}) matches no entry of oidc.mappings; ask an instance owner to map one`,
        details: { claim: oidc.settings.claim, values },
      });
    }
    const project = await services.projects.get(systemActor(services.defaultProject.id), grant.project).catch(() => undefined);
    if (!project) {
      throw new StewardError({ code: 'NO_ROLE_MAPPED', message: `signed in as ${signedIn.name}, mapped to project ${grant.project}, which does not exist (or is deleted)` });
    }
    const session = await parts().sessions.create({ subject: signedIn.subject, name: signedIn.name, projectId: project.id, role: grant.role });
    const maxAgeSeconds = (session.expiresAt - Date.now()) / 1000;
    const secure = secureCookies(request);
    return reply
      .header('set-cookie', [
        clearLogin,
        serializeCookie(SESSION_COOKIE, session.id, { httpOnly: true, secure, maxAgeSeconds }),
        // Readable by the dashboard's script, which echoes it in the x-steward-csrf header on writes.
        serializeCookie(CSRF_COOKIE, session.csrf, { httpOnly: false, secure, maxAgeSeconds }),
      ])
      .redirect(signedIn.returnTo, 302);
  });

  app.post('/auth/logout', {
    config,
    schema: { tags, summary: 'End the dashboard session (needs the x-steward-csrf header)', response: { 204: z.null(), ...ERROR_RESPONSES } },
  }, async (request, reply) => {
    const cookies = readCookies(request);
    const id = cookies[SESSION_COOKIE];
    if (id) {
      const session = await parts().sessions.resolve(id);
      const header = request.headers[CSRF_HEADER];
      if (session && (typeof header !== 'string' || header !== cookies[CSRF_COOKIE] || !session.checkCsrf(header))) {
        throw new StewardError({ code: 'CSRF_FAILED', details: { header: CSRF_HEADER, cookie: CSRF_COOKIE } });
      }
      await parts().sessions.end(id);
    }
    const secure = secureCookies(request);
    return reply
      .header('set-cookie', [serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAgeSeconds: 0 }), serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAgeSeconds: 0 })])
      .code(204)
      .send(null);
  });
};
