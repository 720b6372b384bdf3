// Which project and role a person's ID token claims grant, by the configured mappings. No mapping
// matching is a refusal the person sees with the values that were looked at, so they can ask for one.
import type { OidcSettings } from './oidc-settings.js';

const RANK = { owner: 4, admin: 3, developer: 2, viewer: 1 } as const;

export type MappedGrant = { project: string; role: keyof typeof RANK };

/** The values of `claim` in `claims`: a string, or the strings of an array. */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The highest grant among the mappings whose value the claim holds; undefined when none does. */
export function mapClaims(claims: Record<string, unknown>, settings: Pick<OidcSettings, 'claim' | 'mappings'>): MappedGrant | undefined {
  const values = new Set(claimValues(claims, settings.claim));
  let best: MappedGrant | undefined;
  for (const mapping of settings.mappings) {
    if (!values.has(mapping.value)) continue;
    if (!best || RANK[mapping.role] > RANK[best.role]) best = { project: mapping.project, role: mapping.role };
  }
  return best;
}
