// Who is acting: the API key behind a request, or the system itself (start-up, schedulers).
import type { Role } from './roles.js';

export interface Actor {
  /** API key id, or null for the system. */
  id: string | null;
  name: string;
  role: Role;
  projectId: string;
}

export function systemActor(projectId: string): Actor {
  return { id: null, name: 'system', role: 'admin', projectId };
}
