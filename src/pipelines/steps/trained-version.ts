// Waits for a pipeline's training job and reads the candidate version it registered, recording
// both in the run's context; shared by the retraining and the migration pipelines' train steps.
import type { Store } from '../../store/index.js';
import type { TrainingService } from '../../training/index.js';
import type { PipelineArtifact, PipelineContext, StepOutcome } from '../pipeline-step.js';

export async function awaitTrainedVersion(deps: { store: Store; training: TrainingService }, ctx: PipelineContext, jobId: string, timeoutSeconds: number, what: string): Promise<StepOutcome> {
  ctx.trainingJobId = jobId;
  const done = await deps.training.waitFor(ctx.actor.projectId, jobId, timeoutSeconds * 1000).catch(() => undefined);
  const artifacts: PipelineArtifact[] = [{ kind: 'training_job', id: jobId }];
  if (!done) return { status: 'failed', detail: `training job ${jobId} did not finish within ${timeoutSeconds}s`, artifacts };
  if (done.state !== 'succeeded') return { status: 'failed', detail: `training job ${jobId} ${done.state}: ${done.error ?? ''}`, artifacts };
  if (!done.modelVersionId) return { status: 'failed', detail: `training job ${jobId} produced no registered version`, artifacts };
  const version = await deps.store.db.selectFrom('model_versions').select(['id', 'name']).where('id', '=', done.modelVersionId).executeTakeFirstOrThrow();
  ctx.modelVersionId = version.id;
  ctx.modelVersionName = version.name;
  ctx.say(`trained ${version.name} (final loss ${done.lastLoss?.toFixed(3) ?? '?'})`);
  return { status: 'succeeded', detail: `${version.name} from job ${jobId}${what}`, artifacts: [...artifacts, { kind: 'model_version', id: version.id, label: version.name }] };
}
