// Dashboard sign-in with OpenID Connect: the identity provider, this client's registration, and how
// a person's claims map to a project and role. People get sessions; machines keep API keys.
import { z } from 'zod';

/** The roles a sign-in may grant (service and metrics are for machines). */
export const PERSON_ROLES = ['owner', 'admin', 'developer', 'viewer'] as const;

export const OidcSettingsSchema = z
  .object({
    /** The issuer URL; its `/.well-known/openid-configuration` is read at the first sign-in. */
    issuer: z.url(),
    clientId: z.string().min(1),
    /** Confidential clients only; never stored by Steward, masked by `steward config check`. */
    clientSecret: z.string().min(1).optional(),
    /** Or: the name of a sealed secret of the default project (`steward secrets set NAME`) holding it. */
    clientSecretName: z.string().min(1).optional(),
    /** Where the provider sends people back: `<public URL>/auth/oidc/callback`, as registered with it. */
    redirectUrl: z.url(),
    scopes: z.string().min(1).default('openid email profile'),
    /** The ID token claim matched by the mappings: a string or an array of strings (`groups`, `roles`…). */
    claim: z.string().min(1).default('groups'),
    /** Claim value → project (name) and role; when several match, the highest role wins. */
    mappings: z.array(z.object({ value: z.string().min(1), project: z.string().min(1), role: z.enum(PERSON_ROLES) }).strict()).default([]),
    sessionTtlMs: z.coerce.number().int().positive().default(8 * 3600 * 1000),
  })
  .strict()
  .refine((s) => !(s.clientSecret && s.clientSecretName), { message: 'set clientSecret or clientSecretName, not both', path: ['clientSecretName'] });

export type OidcSettings = z.infer<typeof OidcSettingsSchema>;
