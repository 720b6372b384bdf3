// Train: a training job on the curated dataset version; its output is registered as a
// candidate version by the training service.
import type { Store } from '../../store/index.js';
import type { TrainingService } from '../../training/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';

export class TrainStep implements PipelineStep {
  readonly name = 'train';
  constructor(private readonly deps: { store: Store; training: TrainingService }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const spec = ctx.definition.train;
    if (!ctx.datasetVersionId) return { status: 'failed', detail: 'no dataset version to train on' };
    const job = await this.deps.training.create(ctx.actor, { name: `pipeline ${ctx.runId}`, backend: spec.backend, method: spec.method, baseModel: spec.baseModel, outputModel: spec.outputModel, datasetVersionId: ctx.datasetVersionId, hyperParameters: spec.hyperParameters, backendConfig: spec.backendConfig });
    ctx.trainingJobId = job.id;
    ctx.say(`training job ${job.id} (${spec.backend} ${spec.method} from ${spec.baseModel})`);
    const done = await this.deps.training.waitFor(ctx.actor.projectId, job.id, spec.timeoutSeconds * 1000).catch(() => undefined);
    const artifacts = [{ kind: 'training_job' as const, id: job.id }];
    if (!done) return { status: 'failed', detail: `training job ${job.id} did not finish within ${spec.timeoutSeconds}s`, artifacts };
    if (done.state !== 'succeeded') return { status: 'failed', detail: `training job ${job.id} ${done.state}: ${done.error ?? ''}`, artifacts };
    if (!done.modelVersionId) return { status: 'failed', detail: `training job ${job.id} produced no registered version`, artifacts };
    const version = await this.deps.store.db.selectFrom('model_versions').select(['id', 'name']).where('id', '=', done.modelVersionId).executeTakeFirstOrThrow();
    ctx.modelVersionId = version.id;
    ctx.modelVersionName = version.name;
    ctx.say(`trained ${version.name} (final loss ${done.lastLoss?.toFixed(3) ?? '?'})`);
    return { status: 'succeeded', detail: `${version.name} from job ${job.id}`, artifacts: [...artifacts, { kind: 'model_version', id: version.id, label: version.name }] };
  }
}
