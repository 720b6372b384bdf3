// The registry as training's CandidateRegistrar: creates the output model on first use and
// registers the job's result as a candidate version with its lineage (job, data, base).
import type { Actor } from '../governance/index.js';
import type { RegistryService } from '../registry/index.js';
import type { Tx } from '../store/index.js';
import type { CandidateRegistrar, CandidateRegistration } from './training-ports.js';

export class RegistryCandidateRegistrar implements CandidateRegistrar {
  readonly #registry: RegistryService;

  constructor(registry: RegistryService) {
    this.#registry = registry;
  }

  async registerCandidate(tx: Tx, actor: Actor, r: CandidateRegistration) {
    // The output model of the job's own project (another project may have a model of that name).
    const exists = await tx.selectFrom('models').select('id').where('project_id', '=', actor.projectId).where('name', '=', r.modelName).executeTakeFirst();
    if (!exists) await this.#registry.createModelIn(tx, actor, { name: r.modelName, description: `trained by Steward from ${r.baseModel}` });
    const metrics = Object.entries(r.metrics).map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`).join(', ');
    const version = await this.#registry.registerVersionIn(tx, actor, r.modelName, {
      // The backend builds a spec in the registry's shape; the registry validates it.
      spec: r.spec as Parameters<RegistryService['registerVersion']>[2]['spec'],
      source: { kind: 'training_job', jobId: r.jobId },
      description: `training job ${r.jobId} from ${r.baseModel}${metrics ? ` (${metrics})` : ''}`,
      datasetVersionIds: r.datasetVersionIds,
    });
    return { id: version.id, version: version.name, afterCommit: async () => void (await this.#registry.published(r.modelName, null)) };
  }
}
