// Train: a training job on the curated dataset version; its output is registered as a
// candidate version by the training service.
import type { Store } from '../../store/index.js';
import type { TrainingService } from '../../training/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';
import { awaitTrainedVersion } from './trained-version.js';

export class TrainStep implements PipelineStep {
  readonly name = 'train';
  constructor(private readonly deps: { store: Store; training: TrainingService }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const spec = ctx.definition.train;
    if (!spec) return { status: 'skipped', detail: 'no training configured' };
    if (!ctx.datasetVersionId) return { status: 'failed', detail: 'no dataset version to train on' };
    const job = await this.deps.training.create(ctx.actor, { name: `pipeline ${ctx.runId}`, backend: spec.backend, method: spec.method, baseModel: spec.baseModel, outputModel: spec.outputModel, datasetVersionId: ctx.datasetVersionId, hyperParameters: spec.hyperParameters, backendConfig: spec.backendConfig });
    ctx.say(`training job ${job.id} (${spec.backend} ${spec.method} from ${spec.baseModel})`);
    return awaitTrainedVersion(this.deps, ctx, job.id, spec.timeoutSeconds, '');
  }
}
