// Wires deployments (rollback and diff, experiments, rollouts and their controller) to the
// gateway's routes and the registry, and starts the rollout controller.
import { type DeclarativeGates, DeclarativeService } from '../declarative/index.js';
import { ExperimentAllocator, ExperimentService, RolloutController, RolloutService, RouteDeployments } from '../deployments/index.js';
import type { RouteService } from '../gateway/index.js';
import { systemActor } from '../governance/index.js';
import type { PromptService } from '../prompts/index.js';
import type { ModelStages, RegistryModelResolver, RegistryService } from '../registry/index.js';
import type { ChangeFeed, Store } from '../store/index.js';
import { UseCaseService } from '../usecases/index.js';
import type { Lifecycle } from './lifecycle.js';

export interface DeploymentServices {
  routeDeployments: RouteDeployments;
  experiments: ExperimentService;
  rollouts: RolloutService;
  rolloutController: RolloutController;
  /** Takes the bandit experiments' allocation decisions. */
  experimentAllocator: ExperimentAllocator;
  /** `steward apply` / `steward export`. */
  declarative: DeclarativeService;
  /** Use cases and their KPIs. */
  useCases: UseCaseService;
}

export interface BuildDeploymentsOptions {
  store: Store;
  feed: ChangeFeed;
  routes: RouteService;
  registryResolver: RegistryModelResolver;
  modelStages: ModelStages;
  registry: RegistryService;
  prompts: PromptService;
  lifecycle: Lifecycle;
  projectId: string;
  /** How often the rollout controller ticks (default 10 s). */
  rolloutIntervalMs?: number;
  /** How often the experiment allocator looks for due bandit decisions (default 30 s). */
  experimentIntervalMs?: number;
  /** Evaluation gates, so `steward apply` can declare them. */
  gates?: DeclarativeGates;
  /** The server's clock (use-case status windows end at it). */
  now?: () => number;
}

export function buildDeployments(options: BuildDeploymentsOptions): DeploymentServices {
  const { store, feed, routes, registryResolver, modelStages } = options;
  const versionIdsOf = async (projectId: string, target: string): Promise<string[]> => {
    const resolved = await registryResolver.resolve(projectId, target);
    return resolved?.versionId ? [resolved.versionId] : [];
  };
  const rollouts = new RolloutService({ store, routes, feed });
  const rolloutController = new RolloutController({
    rollouts,
    actor: systemActor(options.projectId),
    versionIdsOf,
    intervalMs: options.rolloutIntervalMs ?? 10_000,
    checkGate: async (projectId, model, target, gate) => {
      const outcomes = await modelStages.checkGates(projectId, model, target);
      const outcome = outcomes.find((o) => o.gate === gate);
      return outcome ?? { passed: false, reason: `model ${model} has no gate ${gate}` };
    },
  });
  rolloutController.start();
  options.lifecycle.onClose('rollout controller', () => rolloutController.stop());
  const experiments = new ExperimentService({ store, routes, versionIdsOf });
  const experimentAllocator = new ExperimentAllocator({ experiments, actor: systemActor(options.projectId), intervalMs: options.experimentIntervalMs });
  experimentAllocator.start();
  options.lifecycle.onClose('experiment allocator', () => experimentAllocator.stop());
  const useCases = new UseCaseService({ store, now: options.now });
  return {
    routeDeployments: new RouteDeployments({ routes }),
    experiments,
    rollouts,
    rolloutController,
    experimentAllocator,
    declarative: new DeclarativeService({ store, feed, registry: options.registry, modelStages, prompts: options.prompts, routes, gates: options.gates, useCases }),
    useCases,
  };
}
