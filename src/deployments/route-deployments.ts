// One-step rollback of a route to an earlier revision, and the structured diff between two
// revisions, on top of the gateway's RouteService (which keeps every revision).
import { StewardError } from '../errors/index.js';
import type { RouteService } from '../gateway/index.js';
import type { Route } from '../gateway/index.js';
import type { Actor } from '../governance/index.js';
import { type DiffEntry, diffValues } from './route-diff.js';
import { assertNoRouteCycle } from './route-graph.js';

export interface RouteDiff {
  route: string;
  a: number;
  b: number;
  changes: DiffEntry[];
}

export class RouteDeployments {
  readonly #routes: RouteService;

  constructor(options: { routes: RouteService }) {
    this.#routes = options.routes;
  }

  /** Writes the config of revision `to` (default: the one before the current) as a new revision. */
  async rollback(actor: Actor, name: string, options: { to?: number; reason?: string } = {}): Promise<Route & { rolledBackTo: number }> {
    const revisions = await this.#routes.revisions(actor.projectId, name);
    const current = revisions[0];
    const to = options.to ?? revisions.find((r) => r.revision < current.revision && r.config !== null)?.revision;
    if (to === undefined) throw new StewardError({ code: 'NOTHING_TO_ROLL_BACK', message: `route ${name} has no earlier revision to roll back to` });
    if (to === current.revision) throw new StewardError({ code: 'NOTHING_TO_ROLL_BACK', message: `revision ${to} is already the current revision of ${name}` });
    const target = revisions.find((r) => r.revision === to);
    if (!target) throw new StewardError({ code: 'ROUTE_REVISION_NOT_FOUND', message: `route ${name} has no revision ${to}`, details: { route: name, revision: to } });
    if (!target.config) throw new StewardError({ code: 'NOTHING_TO_ROLL_BACK', message: `revision ${to} of ${name} is a deletion` });
    assertNoRouteCycle(target.config, (other) => this.#routes.get(actor.projectId, other)?.config);
    const route = await this.#routes.put(actor, target.config, options.reason ?? `rollback to revision ${to}`);
    return { ...route, rolledBackTo: to };
  }

  async diff(projectId: string, name: string, a: number, b: number): Promise<RouteDiff> {
    const [ra, rb] = await Promise.all([this.#revision(projectId, name, a), this.#revision(projectId, name, b)]);
    return { route: name, a, b, changes: diffValues(ra.config, rb.config) };
  }

  async #revision(projectId: string, name: string, n: number) {
    const revisions = await this.#routes.revisions(projectId, name);
    const found = revisions.find((r) => r.revision === n);
    if (!found) throw new StewardError({ code: 'ROUTE_REVISION_NOT_FOUND', message: `route ${name} has no revision ${n}`, details: { route: name, revision: n } });
    return found;
  }
}
