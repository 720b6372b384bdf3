// Shapes of the API answers the dashboard reads, by name, from @steward/sdk (generated from the
// server's own /openapi.json): nothing here is a hand-kept copy that could drift.
import type { ResponseOf } from '@steward/sdk';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface List<T> {
  data: T[];
}

export type Me = ResponseOf<'/api/me'>;
export type Trace = ResponseOf<'/api/traces/{id}'>;
export type Attempt = Trace['attempts'][number];
export type Feedback = ResponseOf<'/api/traces/{id}/feedback'>['data'][number];
export type Model = ResponseOf<'/api/models/{name}'>;
export type ModelVersion = ResponseOf<'/api/models/{name}/versions/{version}'>;
export type ModelStage = ModelVersion['status'];
export type AliasMove = ResponseOf<'/api/models/{name}/aliases'>['data'][number];
export type ActorRef = AliasMove['actor'];
export type Route = ResponseOf<'/api/routes/{name}'>;
export type RouteRevision = ResponseOf<'/api/routes/{name}/revisions'>['data'][number];
export type Dataset = ResponseOf<'/api/datasets/{name}'>;
export type DatasetVersion = ResponseOf<'/api/datasets/{name}/versions'>['data'][number];
export type QualityReport = ResponseOf<'/api/datasets/{name}/versions/{version}/quality'>;
export type Lineage = ResponseOf<'/api/datasets/{name}/versions/{version}/lineage'>;
export type TrainingJob = ResponseOf<'/api/training/jobs/{id}'>;
export type JobState = TrainingJob['state'];
export type LossPoint = ResponseOf<'/api/training/jobs/{id}/loss'>['data'][number];
export type JobLogLine = ResponseOf<'/api/training/jobs/{id}/logs'>['data'][number];
export type ApiKey = ResponseOf<'/api/keys/{id}'>;
export type AuditEntry = ResponseOf<'/api/audit'>['data'][number];
export type Prompt = ResponseOf<'/api/prompts/{name}'>;

/** Lifecycle stages in order (the server's enum; the type checks this list against it). */
export const MODEL_STAGES = ['candidate', 'staging', 'production', 'deprecated', 'retired'] as const satisfies readonly ModelStage[];
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly JobState[];
