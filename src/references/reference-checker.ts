// The checks every write path calls (API, CLI through the API, `apply`, steward.yaml at start):
// one place that knows which names exist in a project.
import { type KnownNames, type ReferenceSources, loadKnownNames } from './known-names.js';
import { assertReferences } from './reference-error.js';
import { type RouteReferences, missingRouteReferences } from './route-references.js';

export class ReferenceChecker {
  readonly #sources: ReferenceSources;

  constructor(sources: ReferenceSources) {
    this.#sources = sources;
  }

  /** Every name the project's configuration may refer to, now. */
  known(projectId: string): Promise<KnownNames> {
    return loadKnownNames(this.#sources, projectId);
  }

  /** @throws StewardError REFERENCE_NOT_FOUND unless the project may call that provider. */
  provider(projectId: string, field: string, name: string): void {
    const providers = this.#sources.providers(projectId);
    if (!providers.includes(name)) assertReferences([{ field, value: name, kind: 'provider', known: providers }]);
  }

  /** @throws StewardError REFERENCE_NOT_FOUND for a target or prompt that does not exist. */
  async route(projectId: string, route: RouteReferences): Promise<void> {
    const known = await this.known(projectId);
    // A route may name itself in the cache already (an update); targets naming it would be a cycle, refused elsewhere.
    assertReferences(missingRouteReferences(known, route));
  }
}
