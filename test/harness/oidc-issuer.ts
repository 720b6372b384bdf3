// A real OpenID Connect provider (the certified `oidc-provider` package) on loopback, for sign-in
// tests. Its development login form accepts any login; the account's claims come from `accounts`.
// A test may make the token endpoint hand out a tampered ID token (another audience, or already
// expired), re-signed with the provider's own key so only the claim itself is wrong.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface IssuerAccount {
  email: string;
  groups: string[];
}

export type IdTokenTamper = 'none' | 'wrong-audience' | 'expired';

export interface TestIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** How the next ID tokens are altered (default none). */
  tamper: IdTokenTamper;
  close(): Promise<void>;
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export async function startTestIssuer(options: { redirectUri: string; accounts: Record<string, IssuerAccount> }): Promise<TestIssuer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'steward-dashboard';
  const clientSecret = 'steward-dashboard-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [options.redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-issuer-cookie-key-0123456789'] },
    pkce: { required: () => true },
    // The mapped claims travel in the ID token itself, as with most enterprise providers.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email'], profile: ['groups'] },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx, id) => {
      const account = options.accounts[id];
      return { accountId: id, claims: async () => ({ sub: id, email: account?.email ?? `${id}@unknown.test`, groups: account?.groups ?? [] }) };
    },
  });
  const handle: TestIssuer = {
    issuer,
    clientId,
    clientSecret,
    tamper: 'none',
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (handle.tamper === 'none' || ctx.path !== '/token' || !body?.id_token) return;
    const [header, payload] = body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    if (handle.tamper === 'wrong-audience') claims.aud = 'some-other-client';
    if (handle.tamper === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
    const signingInput = `${header}.${base64urlJson(claims)}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
    ctx.body = { ...body, id_token: `${signingInput}.${signature}` };
  });
  server.on('request', provider.callback());
  return handle;
}
