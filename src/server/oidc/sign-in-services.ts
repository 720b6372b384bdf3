// The sign-in parts one server uses, made once per set of services: the session store and, when
// `oidc` is configured, the OpenID Connect client. Kept beside the services rather than in them
// because only the HTTP layer (cookies, redirects) uses them.
import { UserSessionService } from '../../governance/index.js';
import type { StewardServices } from '../services.js';
import { OidcSignIn } from './oidc-sign-in.js';

export interface SignInServices {
  sessions: UserSessionService;
  oidc: OidcSignIn | undefined;
}

const made = new WeakMap<StewardServices, SignInServices>();

export function signInServicesOf(services: StewardServices): SignInServices {
  let parts = made.get(services);
  if (!parts) {
    const settings = services.config.oidc;
    parts = {
      sessions: new UserSessionService({ store: services.store, ttlMs: settings?.sessionTtlMs ?? 8 * 3600 * 1000 }),
      oidc: settings
        ? new OidcSignIn({
            settings,
            loginKey: services.secrets.deriveKey('oidc-login'),
            // A sealed secret is opened only when the provider is first contacted.
            clientSecret: async () => (settings.clientSecretName ? services.secrets.reveal(services.defaultProject.id, settings.clientSecretName) : settings.clientSecret),
          })
        : undefined,
    };
    made.set(services, parts);
  }
  return parts;
}
