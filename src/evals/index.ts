// Evaluations: runs over dataset version × target × prompt × metrics (resumable, concurrency-limited,
// outputs cached for re-scoring), aggregates with confidence intervals, paired comparisons, gates.
export * from './metrics/index.js';
export { type ModelCaller, type ModelCallOptions, type CalledCompletion, completionText } from './model-caller/model-caller.js';
export { providerModelCaller } from './model-caller/provider-model-caller.js';
export { gatewayModelCaller, type InProcessGateway } from './model-caller/gateway-model-caller.js';
export { RunSpecSchema, RunGatesSchema, MetricEntrySchema, PromptSpecSchema, RunParamsSchema, bindMetrics, type RunSpec, type RunSpecInput, type RunGates, type MetricEntry, type PromptSpec, type RunParams } from './runs/run-spec.js';
export { RUN_STATUSES, FINISHED_RUN_STATUSES, isFinishedRun, type RunStatus, type RunRecordParams, type EvalRun, type ItemResult, type ReportedUsage } from './runs/run-records.js';
export { buildItemRequest, renderMessages, type ResolvedPrompt } from './runs/render-prompt.js';
export { EvalRunner, type EvalRunnerOptions } from './runner/eval-runner.js';
export { aggregateResults, type RunSummary, type MetricAggregate } from './results/aggregate-results.js';
export { compareRuns, COMPARISON_DIRECTIONS, type ComparisonDirection, type RunComparison, type MetricComparisonResult, type CompareOptions } from './compare/compare-runs.js';
export { parseGateRule, checkRuleSubject, COMPARATORS, METRIC_STATS, RUN_STATS, type GateRule } from './gates/gate-rule.js';
export { evaluateThreshold, type RuleOutcome, type ErrorBudgetDetails, type RegressionDetails } from './gates/evaluate-threshold.js';
export { GateService, type EvalGate, type GateEvaluation } from './gates/gate-service.js';
export { EvalService, metricName, type LeaderboardEntry } from './eval-service.js';
