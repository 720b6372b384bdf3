// Deployments: one-step route rollback and revision diffs, A-B experiments with live statistical
// comparison, and canary rollouts that step forward on healthy traffic or roll back on their own.
export { RouteDeployments, type RouteDiff } from './route-deployments.js';
export { diffValues, DIFF_KINDS, type DiffEntry, type DiffKind } from './route-diff.js';
export { findRouteCycle, assertNoRouteCycle, assertWeights, type RouteNode } from './route-graph.js';
export { loadRouteSamples, targetMatcher, feedbackScore, type RouteSample, type ArmMatcher } from './route-samples.js';
export { summarizeArm, compareArms, type ArmSummary } from './arm-summary.js';
export { ExperimentService, weightsOf, type ExperimentResults, type StartExperimentInput } from './experiment-service.js';
export {
  EXPERIMENT_STICKY,
  DECISION_KINDS,
  type DecisionKind,
  type ExperimentSticky,
  type ExperimentArm,
  type ExperimentRecord,
  type ExperimentDecision,
} from './experiment-records.js';
export { EXPERIMENT_TESTS, type ExperimentTest, type ExperimentVerdict, type SequentialComparison, compareArmsSequentially, decideExperiment } from './experiment-verdict.js';
export { BANDIT_REWARDS, BANDIT_DEFAULTS, type BanditReward, type BanditAllocation, type BanditAllocationInput, armRewards, banditDecision, resolveBandit } from './experiment-bandit.js';
export { ExperimentAllocator, type ExperimentAllocatorOptions, type AllocationOutcome } from './experiment-allocator.js';
export { RolloutService, type StartRolloutInput } from './rollout-service.js';
export { ROLLOUT_ACTIONS, type RolloutAction } from './rollout-actions.js';
export { RolloutController, type RolloutControllerOptions, type TickOutcome } from './rollout-controller.js';
export { GUARD_METRICS, SEQUENTIAL_GUARD_MIN_SAMPLES, type GuardCheck, type GuardMetric, sequentialGuardChecks } from './sequential-guards.js';
export { ROLLOUT_STATUSES, DEFAULT_STEPS, DEFAULT_GUARDS, GUARD_TESTS, type GuardTest, configAtStep, promotedConfig, checkGuards, type RolloutStatus, type RolloutGuards, type GuardVerdict } from './rollout-plan.js';
export { EVENTS_TOPIC, ROLLOUT_EVENT_KINDS, type RolloutRecord, type RolloutVerdict, type RolloutEvent, type RolloutEventData, type RolloutEventKind } from './rollout-records.js';
