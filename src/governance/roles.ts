// Roles of API keys. admin ⊃ developer ⊃ viewer on the management API; `service` keys may call the
// data plane (/v1) only, and viewers may not spend money there.

export const ROLES = ['admin', 'developer', 'viewer', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** What an endpoint requires: a management role, or `data-plane` for /v1. */
export type RequiredRole = 'admin' | 'developer' | 'viewer' | 'data-plane';

const MANAGEMENT_RANK: Record<Role, number> = { admin: 3, developer: 2, viewer: 1, service: 0 };

/** Whether a key with `role` may do what needs `required`. */
export function roleAllows(role: Role, required: RequiredRole): boolean {
  if (required === 'data-plane') return role !== 'viewer';
  return MANAGEMENT_RANK[role] >= MANAGEMENT_RANK[required];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
