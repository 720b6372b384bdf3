// Who is acting: the API key (or, later, the signed-in person) behind a request, or the system
// itself (start-up, schedulers). The owner acts for the whole instance; everyone else for one project.
import type { Role } from './roles.js';

export interface Actor {
  /** API key id, or null for the system. */
  id: string | null;
  name: string;
  role: Role;
  projectId: string;
}

export function systemActor(projectId: string): Actor {
  return { id: null, name: 'system', role: 'owner', projectId };
}

/** Whether the actor administers the instance (every project), not just its own project. */
export function isInstanceOwner(actor: Actor): boolean {
  return actor.role === 'owner';
}

/**
 * The project an instance-wide listing is narrowed to: undefined (all projects) for the owner,
 * the actor's own project for everyone else.
 */
export function visibleProject(actor: Actor): string | undefined {
  return isInstanceOwner(actor) ? undefined : actor.projectId;
}
