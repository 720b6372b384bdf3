// Shapes of the API answers the dashboard reads (and of a body it sends), by name, from @steward/sdk
// (generated from the server's own /openapi.json): nothing here is a hand-kept copy that could drift.
import type { RequestBodyOf, ResponseOf } from '@steward/sdk';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface List<T> {
  data: T[];
}

export type Me = ResponseOf<'/api/me'>;
export type Session = ResponseOf<'/auth/session'>;
export type Trace = ResponseOf<'/api/traces/{id}'>;
export type Attempt = Trace['attempts'][number];
export type Feedback = ResponseOf<'/api/traces/{id}/feedback'>['data'][number];
export type Model = ResponseOf<'/api/models/{name}'>;
export type ModelVersion = ResponseOf<'/api/models/{name}/versions/{version}'>;
export type ModelStage = ModelVersion['status'];
export type ModelGateOutcome = ResponseOf<'/api/models/{name}/versions/{version}/gates'>['data'][number];
export type AliasMove = ResponseOf<'/api/models/{name}/aliases'>['data'][number];
export type ActorRef = AliasMove['actor'];
export type Route = ResponseOf<'/api/routes/{name}'>;
export type RouteConfig = Route['config'];
export type RouteTarget = RouteConfig['targets'][number];
export type RouteRevision = ResponseOf<'/api/routes/{name}/revisions'>['data'][number];
export type RouteLimits = ResponseOf<'/api/limits/routes/{name}'>;
export type KeyLimits = ResponseOf<'/api/limits/keys/{id}'>;
export type KeyLimitsUpdate = RequestBodyOf<'/api/limits/keys/{id}', 'put'>;
export type Rollout = ResponseOf<'/api/rollouts/{id}'>;
export type Experiment = ResponseOf<'/api/experiments/{id}'>;
export type ExperimentResults = ResponseOf<'/api/experiments/{id}/results'>;
export type Dataset = ResponseOf<'/api/datasets/{name}'>;
export type DatasetVersion = ResponseOf<'/api/datasets/{name}/versions'>['data'][number];
export type DatasetVersionItem = ResponseOf<'/api/datasets/{name}/versions/{version}/items'>['data'][number];
export type CreatedDatasetVersion = ResponseOf<'/api/datasets/{name}/from-traces', 'post'>;
export type QualityReport = ResponseOf<'/api/datasets/{name}/versions/{version}/quality'>;
export type QualityCheck = QualityReport['report']['checks'][number];
export type Lineage = ResponseOf<'/api/datasets/{name}/versions/{version}/lineage'>;
export type EvalRun = ResponseOf<'/api/evals/runs/{id}'>;
export type EvalRunSummary = ResponseOf<'/api/evals/runs/{id}/summary'>;
export type EvalMetricAggregate = EvalRunSummary['metrics'][string];
export type EvalComparison = ResponseOf<'/api/evals/compare'>;
export type EvalMetricComparison = EvalComparison['metrics'][number];
export type Leaderboard = ResponseOf<'/api/datasets/{name}/leaderboard'>;
export type LeaderboardEntry = Leaderboard['entries'][number];
export type TrainingJob = ResponseOf<'/api/training/jobs/{id}'>;
export type JobState = TrainingJob['state'];
export type LossPoint = ResponseOf<'/api/training/jobs/{id}/loss'>['data'][number];
export type JobLogLine = ResponseOf<'/api/training/jobs/{id}/logs'>['data'][number];
export type Pipeline = ResponseOf<'/api/pipelines/{name}'>;
export type PipelineRun = ResponseOf<'/api/pipeline-runs/{id}'>;
export type ApiKey = ResponseOf<'/api/keys/{id}'>;
export type CreatedApiKey = ResponseOf<'/api/keys', 'post'>;
export type AuditEntry = ResponseOf<'/api/audit'>['data'][number];
export type AuditVerification = ResponseOf<'/api/audit/verify'>;
export type Prompt = ResponseOf<'/api/prompts/{name}'>;
export type PromptVersion = ResponseOf<'/api/prompts/{name}/versions/{version}'>;
export type PromptLabelMove = ResponseOf<'/api/prompts/{name}/labels'>['data'][number];
export type MetricSeries = ResponseOf<'/api/metrics/timeseries'>;
export type MetricBreakdown = ResponseOf<'/api/metrics/breakdown'>;
export type MetricBreakdownRow = MetricBreakdown['data'][number];
export type Prices = ResponseOf<'/api/prices'>;
export type AlertRule = ResponseOf<'/api/alerts/rules/{id}'>;
export type AlertEvent = ResponseOf<'/api/alerts/events'>['data'][number];
export type DriftMonitor = ResponseOf<'/api/drift/monitors/{id}'>;
export type DriftResult = ResponseOf<'/api/drift/monitors/{id}/results'>['data'][number];
export type UseCase = ResponseOf<'/api/use-cases/{name}'>;
export type UseCaseStatus = ResponseOf<'/api/use-cases/{name}/status'>;
export type UseCaseDerived = ResponseOf<'/api/use-cases/{name}/derived'>;

/** Lifecycle stages in order (the server's enum; the type checks this list against it). */
export const MODEL_STAGES = ['candidate', 'staging', 'production', 'deprecated', 'retired'] as const satisfies readonly ModelStage[];
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly JobState[];
