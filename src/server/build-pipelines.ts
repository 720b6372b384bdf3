// Wires pipelines to the parts their steps use: datasets (curate), training, evals (evaluate and
// gate), deployments (canary rollout), and for migrations the registry and routes (plan, alias) and
// the metric points (a blocked migration); a timer checks the triggers.
import type { DeploymentServices } from './build-deployments.js';
import type { DatasetService } from '../datasets/index.js';
import type { EvalService } from '../evals/index.js';
import type { RouteService } from '../gateway/index.js';
import type { MetricsService } from '../monitoring/rollups/index.js';
import { ConcludeMigrationStep, CurateStep, EvaluateStep, PipelineService, PlanMigrationStep, RetrainStep, RolloutStep, TrainStep, migrationDue, migrationReads } from '../pipelines/index.js';
import type { ModelStages, RegistryService } from '../registry/index.js';
import type { Store } from '../store/index.js';
import type { TrainingService } from '../training/index.js';
import type { Lifecycle } from './lifecycle.js';

const TRIGGER_CHECK_MS = 60_000;

export interface BuildPipelinesOptions {
  store: Store;
  datasets: DatasetService;
  training: TrainingService;
  evals: EvalService;
  deployments: DeploymentServices;
  registry: RegistryService;
  modelStages: ModelStages;
  routes: RouteService;
  metrics: MetricsService;
  lifecycle: Lifecycle;
  triggerCheckMs?: number;
  /** The clock of run heartbeats and of finding interrupted runs (tests). */
  now?: () => number;
}

export function buildPipelines(o: BuildPipelinesOptions): PipelineService {
  const evaluate = new EvaluateStep({ evals: o.evals });
  const rollout = new RolloutStep({ rollouts: o.deployments.rollouts });
  const reads = migrationReads({ store: o.store, registry: o.registry, routes: o.routes });
  const pipelines = new PipelineService({
    store: o.store,
    steps: [new CurateStep({ store: o.store, datasets: o.datasets }), new TrainStep({ store: o.store, training: o.training }), evaluate, rollout],
    migrationSteps: [new PlanMigrationStep({ reads }), new RetrainStep({ store: o.store, training: o.training }), evaluate, rollout, new ConcludeMigrationStep({ modelStages: o.modelStages, outcomes: o.metrics })],
    migrationDue: migrationDue(reads),
    now: o.now,
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
