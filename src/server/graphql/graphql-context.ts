// What every resolver knows: the caller's project (from the auth plugin's actor, as REST), the
// services the REST routes call, and batched lookups bound to that project.
import type { StewardServices } from '../services.js';
import { ProjectLookups } from './lookups/project-lookups.js';

export interface GraphqlContext {
  projectId: string;
  services: StewardServices;
  lookups: ProjectLookups;
}

export function graphqlContext(services: StewardServices, projectId: string): GraphqlContext {
  return { projectId, services, lookups: new ProjectLookups(services.store.db, projectId) };
}

/** Page sizes a client may ask for: `first` is clamped to 1…MAX_PAGE (the cost limit counts the same). */
export const MAX_PAGE = 200;

export function pageSize(first: number | null | undefined, fallback = 50): number {
  const n = first ?? fallback;
  return Math.max(1, Math.min(MAX_PAGE, Math.trunc(n)));
}
