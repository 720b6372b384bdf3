// Train, for a migration: a fine-tune of the discontinued base is re-trained on the replacement base
// with the same data, method and hyper-parameters (prompts and outputs differ between stable
// versions, so the tuning is run again rather than carried over); otherwise the replacement is the
// candidate as it is.
import type { Store } from '../../store/index.js';
import type { TrainingService } from '../../training/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';
import { awaitTrainedVersion } from '../steps/trained-version.js';

const RETRAIN_TIMEOUT_SECONDS = 3600;

export class RetrainStep implements PipelineStep {
  readonly name = 'train';
  constructor(private readonly deps: { store: Store; training: TrainingService }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const plan = ctx.migration;
    if (!plan) return { status: 'failed', detail: 'no migration plan' };
    if (plan.via === 'replacement' || !plan.jobId) {
      ctx.modelVersionName = plan.replacement;
      return { status: 'skipped', detail: `${plan.current} is not a fine-tune of a discontinued base: ${plan.replacement} is evaluated as it is` };
    }
    const original = await this.deps.training.get(ctx.actor.projectId, plan.jobId);
    if (!original.datasetVersionId) return { status: 'failed', detail: `training job ${original.id} was given inline items, not a dataset version: re-run it on ${plan.replacement} by hand` };
    const job = await this.deps.training.create(ctx.actor, {
      name: `migration ${ctx.runId}: ${original.name} on ${plan.replacement}`,
      backend: original.backend,
      method: original.method,
      baseModel: plan.replacement,
      outputModel: original.outputModel,
      datasetVersionId: original.datasetVersionId,
      hyperParameters: original.hyperParameters,
      backendConfig: original.backendConfig,
    });
    ctx.datasetVersionId = original.datasetVersionId;
    ctx.say(`re-running training job ${original.id} on ${plan.replacement} as ${job.id}`);
    const timeout = ctx.definition.train?.timeoutSeconds ?? RETRAIN_TIMEOUT_SECONDS;
    return awaitTrainedVersion(this.deps, ctx, job.id, timeout, ` (job ${original.id} re-run on ${plan.replacement})`);
  }
}
