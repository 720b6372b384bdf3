// The web dashboard: static files built from web/ (npm run build:web) served at /ui/, and / sends
// browsers there. The page itself asks for an API key and calls /api like any other client.
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { RouteModule } from './route-module.js';

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const MISSING_BUILD = 'The Steward dashboard is not built. Run `npm run build:web` (npm ci does it for you), then restart Steward.';

// echarts sets inline styles on the elements it draws; everything else comes from this origin.
const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export const dashboardRoutes: RouteModule = async (app) => {
  const route = { config: { role: 'public' as const }, schema: { hide: true } };

  app.get('/', route, async (_request, reply) => reply.redirect('/ui/', 302));

  if (!existsSync(join(DASHBOARD_DIST, 'index.html'))) {
    const missing = async (_request: unknown, reply: FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send(MISSING_BUILD);
    app.get('/ui', route, missing);
    app.get('/ui/*', route, missing);
    return;
  }

  // The dashboard's relative asset URLs need the trailing slash; `/ui` alone is a common typing.
  app.get('/ui', route, async (_request, reply) => reply.redirect('/ui/', 301));
  await app.register(fastifyStatic, {
    root: DASHBOARD_DIST,
    prefix: '/ui/',
    redirect: true,
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, path) {
      // Built assets carry a content hash in their name; the page itself must always be fresh.
      const hashed = path.includes(`${sep}assets${sep}`);
      reply.headers({
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      });
    },
  });
};
