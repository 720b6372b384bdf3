// The registry, routes and training jobs as a migration reads them.
import type { RouteService } from '../../gateway/index.js';
import { type ModelVersionRecord, type RegistryService, parseModelReference } from '../../registry/index.js';
import type { Store } from '../../store/index.js';
import type { MigrationReads } from './find-migration.js';

export function migrationReads(o: { store: Store; registry: RegistryService; routes: RouteService }): MigrationReads {
  return {
    routeTargets: (projectId, route) => o.routes.get(projectId, route)?.config.targets.map((t) => t.model),
    async version(projectId, ref): Promise<ModelVersionRecord | undefined> {
      const parsed = parseModelReference(ref);
      if (parsed.kind === 'model') return undefined;
      const name = parsed.kind === 'alias' ? parsed.alias : ref;
      return o.registry.getVersion(projectId, parsed.model, name).catch(() => undefined);
    },
    async trainingJobFor(projectId, versionId) {
      const row = await o.store.db
        .selectFrom('training_jobs')
        .select(['id', 'base_model'])
        .where('project_id', '=', projectId)
        .where('model_version_id', '=', versionId)
        .where('state', '=', 'succeeded')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row ? { id: row.id, baseModel: row.base_model } : undefined;
    },
  };
}
