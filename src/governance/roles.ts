// Roles of API keys, and the one rule that says what each may do; the auth plugin enforces it and
// the README's role table is rendered from it. owner ⊃ admin ⊃ developer ⊃ viewer on the
// management API; the owner administers the instance (projects, master key, retention), an admin
// only its project. `service` keys may call the data plane (/v1) only, `metrics` keys may only
// scrape /metrics, and viewers may not spend money on /v1.

export const ROLES = ['owner', 'admin', 'developer', 'viewer', 'service', 'metrics'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a project admin may hand out: everything below the instance owner. */
export const PROJECT_ROLES = ['admin', 'developer', 'viewer', 'service', 'metrics'] as const satisfies readonly Role[];

/** What an endpoint requires: a management role, `data-plane` for /v1, `metrics` for /metrics. */
export const REQUIRED_ROLES = ['owner', 'admin', 'developer', 'viewer', 'data-plane', 'metrics'] as const;
export type RequiredRole = (typeof REQUIRED_ROLES)[number];

/** One line per role, for the generated README table. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'the instance: projects, master key, retention, every project’s keys and audit log',
  admin: 'one project: its keys, secrets, providers, prices, limits, audit log, apply',
  developer: 'writes the project’s routes, models, prompts, datasets, evals, alerts, training',
  viewer: 'reads the project; renders prompts; annotates',
  service: 'calls /v1 only',
  metrics: 'scrapes /metrics only (the project’s series)',
};

const MANAGEMENT_RANK: Record<Role, number> = { owner: 4, admin: 3, developer: 2, viewer: 1, service: 0, metrics: 0 };

/** Whether a key with `role` may do what needs `required`. */
export function roleAllows(role: Role, required: RequiredRole): boolean {
  if (required === 'data-plane') return role !== 'viewer' && role !== 'metrics';
  if (required === 'metrics') return role === 'metrics' || MANAGEMENT_RANK[role] >= MANAGEMENT_RANK.viewer;
  return MANAGEMENT_RANK[role] >= MANAGEMENT_RANK[required];
}

/** The roles that pass `required`, highest first (for documentation and the walk test). */
export function rolesAllowed(required: RequiredRole): Role[] {
  return ROLES.filter((role) => roleAllows(role, required));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
