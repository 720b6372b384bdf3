// Wires the write-time reference checks (src/references) to the services that know the names:
// the gateway's providers and routes, the registry and the prompts. Every write path goes through
// these services, so API, CLI, `apply` and steward.yaml at start are all checked the same way.
import type { DeclarativeService } from '../declarative/index.js';
import type { GatewayServices } from '../gateway/index.js';
import type { PromptService } from '../prompts/index.js';
import { ReferenceChecker } from '../references/index.js';
import type { RegistryService } from '../registry/index.js';

export function buildReferences(o: { gateway: GatewayServices; registry: RegistryService; prompts: PromptService; declarative: DeclarativeService }): ReferenceChecker {
  const references = new ReferenceChecker({
    providers: (projectId) => o.gateway.registry.listFor(projectId).map((p) => p.name),
    routes: (projectId) => o.gateway.routes.list(projectId).map((r) => r.name),
    models: async (projectId) =>
      Promise.all(
        (await o.registry.listModels(projectId)).map(async (m) => ({
          name: m.name,
          aliases: Object.keys(m.aliases),
          versions: (await o.registry.listVersions(projectId, m.name)).filter((v) => v.status !== 'retired').map((v) => v.seq),
        })),
      ),
    prompts: async (projectId) => (await o.prompts.list(projectId)).map((p) => ({ name: p.name, latestVersion: p.latestVersion, labels: Object.keys(p.labels) })),
  });
  o.registry.connectReferences(references);
  o.gateway.routes.checkReferencesWith((projectId, config) => references.route(projectId, config));
  o.declarative.connectReferences(references);
  return references;
}
