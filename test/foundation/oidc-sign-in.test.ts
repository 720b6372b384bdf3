// People sign in to the dashboard with OpenID Connect against a real provider (oidc-provider) on
// loopback, in headless Chromium: the authorization code flow with PKCE, a server-side session in
// an HttpOnly SameSite=Lax cookie, CSRF protection on cookie-authenticated writes, logout. An ID
// token for another audience or already expired is refused, so is a person without a mapped role
// (403 with a message naming what was looked at). API keys keep working as before.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardBrowser, HAS_CHROMIUM, launchDashboardBrowser } from '../dashboard/browser.js';
import { ensureDashboardBuild } from '../dashboard/ensure-dashboard-build.js';
import { ENGINES } from '../harness/engines.js';
import { type TestIssuer, startTestIssuer } from '../harness/oidc-issuer.js';
import { type TestSteward, startTestSteward } from '../harness/test-steward.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Through the provider's login and consent pages; resolves with the callback's response. */
async function loginAtProvider(page: Page, login: string) {
  const callback = page.waitForResponse((response) => response.url().includes('/auth/oidc/callback'));
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  return callback;
}

describe.skipIf(!HAS_CHROMIUM).each(ENGINES)('OpenID Connect sign-in on $name', (engine) => {
  let s: TestSteward;
  let issuer: TestIssuer;

  beforeAll(async () => {
    ensureDashboardBuild();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    issuer = await startTestIssuer({
      redirectUri: `${base}/auth/oidc/callback`,
      accounts: { alice: { email: 'alice@example.test', groups: ['staff', 'ml-admins'] }, bob: { email: 'bob@example.test', groups: ['interns'] } },
    });
    s = await startTestSteward(engine, {
      overrides: {
        'server.port': port,
        oidc: {
          issuer: issuer.issuer,
          clientId: issuer.clientId,
          // Sealed: set below with the API, opened at the first sign-in.
          clientSecretName: 'oidc-client-secret',
          redirectUrl: `${base}/auth/oidc/callback`,
          mappings: [
            { value: 'staff', project: 'default', role: 'viewer' },
            { value: 'ml-admins', project: 'default', role: 'admin' },
          ],
        },
      },
    });
    expect((await s.api('PUT', '/api/secrets/oidc-client-secret', { body: { value: issuer.clientSecret } })).status).toBe(200);
  });
  afterAll(async () => {
    await s?.close();
    await issuer?.close();
  });

  const withBrowser = async (work: (browser: DashboardBrowser) => Promise<void>) => {
    const browser = await launchDashboardBrowser();
    try {
      await work(browser);
    } finally {
      await browser.close();
    }
  };

  it('signs a person in from the dashboard, protects writes against CSRF, and signs out', async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(`${s.url}/ui/`);
      await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
      const callback = await loginAtProvider(page, 'alice');
      expect(callback.status()).toBe(302);
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      await expect.poll(() => page.locator('.whoami').textContent()).toContain('alice@example.test');
      expect(await page.locator('.whoami').textContent()).toContain('admin');

      const cookies = await page.context().cookies(s.url);
      const session = cookies.find((c) => c.name === 'steward_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
      expect(cookies.find((c) => c.name === 'steward_csrf')).toMatchObject({ httpOnly: false, sameSite: 'Lax' });

      // The session is stored hashed: the cookie's value is nowhere in the database.
      const rows = await s.handle.services.store.db.selectFrom('user_sessions').selectAll().execute();
      expect(rows.length).toBe(1);
      expect(JSON.stringify(rows)).not.toContain(session?.value ?? '');

      // A cookie-authenticated write without the CSRF header is refused; with it, it goes through.
      const write = (csrf: boolean) =>
        page.evaluate(async (withCsrf) => {
          const token = document.cookie.split('; ').find((c) => c.startsWith('steward_csrf='))?.split('=')[1] ?? '';
          const response = await fetch('/api/secrets/sso-written', { method: 'PUT', headers: { 'content-type': 'application/json', ...(withCsrf ? { 'x-steward-csrf': decodeURIComponent(token) } : {}) }, body: JSON.stringify({ value: 'from-the-dashboard' }) });
          return { status: response.status, body: await response.text() };
        }, csrf);
      const refused = await write(false);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'CSRF_FAILED' } });
      expect((await write(true)).status).toBe(200);
      const audit = await s.api('GET', '/api/audit?limit=500&action=secrets.create');
      expect(audit.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ actor: expect.objectContaining({ name: 'alice@example.test' }) })]));

      // The data plane takes keys only: the session cookie is no credential there.
      const v1 = await page.evaluate(async () => (await fetch('/v1/models')).status);
      expect(v1).toBe(401);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('API key').waitFor();
      const after = await s.api('GET', '/api/me', { key: null, headers: { cookie: `steward_session=${session?.value}` } });
      expect(after.status).toBe(401);
    });
  });

  it('keeps API keys working unchanged for /api and /v1', async () => {
    expect((await s.api('GET', '/api/me')).body).toMatchObject({ role: expect.stringMatching(/owner|admin/) });
    expect((await s.api('GET', '/v1/models')).status).toBe(200);
  });

  it('refuses a person whose claims map to no role, with a message saying why (403)', async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(`${s.url}/auth/oidc/login`);
      const callback = await loginAtProvider(page, 'bob');
      expect(callback.status()).toBe(403);
      const body = (await callback.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('NO_ROLE_MAPPED');
      expect(body.error.message).toBe('signed in as bob@example.test, but no project role is mapped to you: your groups claim (interns) matches no entry of oidc.mappings; ask an instance owner to map one');
      expect((await page.context().cookies(s.url)).some((c) => c.name === 'steward_session')).toBe(false);
    });
  });

  for (const [tamper, reason] of [
    ['wrong-audience', /aud/],
    ['expired', /exp|expired|timestamp/i],
  ] as const) {
    it(`refuses an ID token that is ${tamper === 'expired' ? 'expired' : 'for another audience'} (401)`, async () => {
      issuer.tamper = tamper;
      try {
        await withBrowser(async ({ page }) => {
          await page.goto(`${s.url}/auth/oidc/login`);
          const callback = await loginAtProvider(page, 'alice');
          expect(callback.status()).toBe(401);
          const body = (await callback.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toBe('SIGN_IN_FAILED');
          expect(body.error.message).toMatch(reason);
          expect((await page.context().cookies(s.url)).some((c) => c.name === 'steward_session')).toBe(false);
        });
      } finally {
        issuer.tamper = 'none';
      }
    });
  }
});
