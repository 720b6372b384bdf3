// The OpenID Connect authorization code flow with PKCE (openid-client): the redirect to the
// provider, and the callback that exchanges the code and validates the ID token (issuer, audience,
// expiry, nonce, signature). The pending sign-in (state, nonce, PKCE verifier) travels in a cookie
// sealed with a key derived from the master key, so any replica can finish what another started.
import * as oidc from 'openid-client';
import { StewardError } from '../../errors/index.js';
import { type OidcSettings, SecretBox } from '../../governance/index.js';

const LOGIN_TTL_MS = 10 * 60 * 1000;

interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  expiresAt: number;
}

export interface SignedInClaims {
  claims: Record<string, unknown>;
  subject: string;
  name: string;
  returnTo: string;
}

/** Only paths on this server: an absolute or protocol-relative URL would make sign-in an open redirect. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/ui/';
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export class OidcSignIn {
  readonly #settings: OidcSettings;
  readonly #box: SecretBox;
  readonly #now: () => number;
  #configuration: Promise<oidc.Configuration> | undefined;

  readonly #clientSecret: () => Promise<string | undefined>;

  constructor(options: { settings: OidcSettings; loginKey: Buffer; clientSecret: () => Promise<string | undefined>; now?: () => number }) {
    this.#settings = options.settings;
    this.#clientSecret = options.clientSecret;
    this.#box = new SecretBox(options.loginKey);
    this.#now = options.now ?? Date.now;
  }

  get settings(): OidcSettings {
    return this.#settings;
  }

  /** Discovery once; a failure is retried at the next sign-in. */
  #config(): Promise<oidc.Configuration> {
    if (!this.#configuration) {
      const issuer = new URL(this.#settings.issuer);
      this.#configuration = this.#clientSecret()
        .then((secret) =>
          oidc.discovery(issuer, this.#settings.clientId, secret, secret ? undefined : oidc.None(), {
            // Plain http only to a provider on this machine (development, tests); anything else needs TLS.
            execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
          }),
        )
        .catch((cause: unknown) => {
          this.#configuration = undefined;
          throw new StewardError({ code: 'SIGN_IN_FAILED', message: `the OpenID provider ${issuer.origin} cannot be reached or described: ${describe(cause)}`, cause });
        });
    }
    return this.#configuration;
  }

  /** Where to send the browser, and the sealed cookie value that remembers this attempt. */
  async start(returnTo: unknown): Promise<{ redirect: string; pending: string; maxAgeSeconds: number }> {
    const config = await this.#config();
    const verifier = oidc.randomPKCECodeVerifier();
    const pending: PendingLogin = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, returnTo: safeReturnTo(returnTo), expiresAt: this.#now() + LOGIN_TTL_MS };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.#settings.redirectUrl,
      scope: this.#settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { redirect: url.href, pending: this.#box.seal(JSON.stringify(pending)), maxAgeSeconds: LOGIN_TTL_MS / 1000 };
  }

  /** Exchanges the code of the callback `query` and returns the validated ID token's claims. */
  async finish(query: string, pendingCookie: string | undefined): Promise<SignedInClaims> {
    const pending = this.#openPending(pendingCookie);
    const config = await this.#config();
    const callback = new URL(this.#settings.redirectUrl);
    callback.search = query;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (cause) {
      throw new StewardError({ code: 'SIGN_IN_FAILED', message: `sign-in failed: ${describe(cause)}`, cause });
    }
    const claims = tokens.claims();
    if (!claims) throw new StewardError({ code: 'SIGN_IN_FAILED', message: 'sign-in failed: the provider returned no ID token' });
    const issuer = new URL(this.#settings.issuer);
    const name = [claims.email, claims.preferred_username, claims.name, claims.sub].find((v): v is string => typeof v === 'string' && v.length > 0) ?? claims.sub;
    return { claims: { ...claims }, subject: `${issuer.host}:${claims.sub}`, name, returnTo: pending.returnTo };
  }

  #openPending(cookie: string | undefined): PendingLogin {
    if (!cookie) throw new StewardError({ code: 'SIGN_IN_FAILED', message: 'sign-in failed: no sign-in was started in this browser (or it was started more than 10 minutes ago); start again' });
    let pending: PendingLogin;
    try {
      pending = JSON.parse(this.#box.open(cookie)) as PendingLogin;
    } catch {
      throw new StewardError({ code: 'SIGN_IN_FAILED', message: 'sign-in failed: the sign-in cookie is not one this server sealed; start again' });
    }
    if (pending.expiresAt <= this.#now()) throw new StewardError({ code: 'SIGN_IN_FAILED', message: 'sign-in failed: the sign-in attempt expired; start again' });
    return pending;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof oidc.AuthorizationResponseError) return `${cause.error}${cause.error_description ? `: ${cause.error_description}` : ''}`;
  if (cause instanceof oidc.ResponseBodyError) return `${cause.error}${cause.error_description ? `: ${cause.error_description}` : ''}`;
  // openid-client wraps the check that failed (which claim, which timestamp): name it.
  if (cause instanceof Error) return cause.cause instanceof Error ? `${cause.message} (${cause.cause.message})` : cause.message;
  return String(cause);
}
