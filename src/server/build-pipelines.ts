// Wires retraining pipelines to the parts their steps use: datasets (curate), training, evals
// (evaluate and gate) and deployments (canary rollout); a timer checks the triggers.
import type { DeploymentServices } from './build-deployments.js';
import type { DatasetService } from '../datasets/index.js';
import type { EvalService } from '../evals/index.js';
import { CurateStep, EvaluateStep, PipelineService, RolloutStep, TrainStep } from '../pipelines/index.js';
import type { Store } from '../store/index.js';
import type { TrainingService } from '../training/index.js';
import type { Lifecycle } from './lifecycle.js';

const TRIGGER_CHECK_MS = 60_000;

export function buildPipelines(o: { store: Store; datasets: DatasetService; training: TrainingService; evals: EvalService; deployments: DeploymentServices; lifecycle: Lifecycle; triggerCheckMs?: number }): PipelineService {
  const pipelines = new PipelineService({
    store: o.store,
    steps: [new CurateStep({ store: o.store, datasets: o.datasets }), new TrainStep({ store: o.store, training: o.training }), new EvaluateStep({ evals: o.evals }), new RolloutStep({ rollouts: o.deployments.rollouts })],
  });
  const every = o.triggerCheckMs ?? TRIGGER_CHECK_MS;
  const timer = every > 0 ? setInterval(() => void pipelines.tick().catch(() => {}), every) : undefined;
  timer?.unref();
  o.lifecycle.onClose('pipelines', async () => {
    if (timer) clearInterval(timer);
    await pipelines.drain();
  });
  return pipelines;
}
