// Who is signed in and what their role lets them do: pages show write controls only to a role the
// server would accept them from, so a viewer never meets a form that answers 403.
import { type ReactNode, createContext, useContext } from 'react';
import type { Me } from './api-types';

/** Roles that may use the dashboard, weakest first (the server's ranking). */
export const DASHBOARD_ROLES = ['viewer', 'developer', 'admin', 'owner'] as const;
export type DashboardRole = (typeof DASHBOARD_ROLES)[number];

export interface RoleState {
  me: Me | undefined;
  /** True when the signed-in role is at least `role` (false until /api/me has answered). */
  can(role: DashboardRole): boolean;
}

export function rankOf(role: string | undefined): number {
  return DASHBOARD_ROLES.indexOf(role as DashboardRole);
}

const RoleContext = createContext<RoleState>({ me: undefined, can: () => false });

export function RoleProvider({ me, children }: { me: Me | undefined; children: ReactNode }) {
  const value: RoleState = { me, can: (role) => me !== undefined && rankOf(me.role) >= rankOf(role) };
  return <RoleContext.Provider value={value}>{children}</RoleContext.Provider>;
}

export function useRole(): RoleState {
  return useContext(RoleContext);
}
