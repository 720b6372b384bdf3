// Shapes of the API answers the dashboard reads (as documented in /openapi.json).

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface List<T> {
  data: T[];
}

export interface ActorRef {
  id: string | null;
  name: string;
}

export interface Me {
  id: string | null;
  name: string;
  role: 'owner' | 'admin' | 'developer' | 'viewer' | 'service' | 'metrics';
  projectId: string;
}

export interface Attempt {
  provider: string;
  model: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
  outcome: string;
}

export interface Feedback {
  id: string;
  traceId: string;
  createdAt: string;
  thumb: 'up' | 'down' | null;
  rating: number | null;
  comment: string | null;
  correction: string | null;
  source: string;
  annotator: string | null;
}

export interface Trace {
  id: string;
  createdAt: string;
  endpoint: string;
  /** The API surface the call came in on (`/v1/responses`, `/v1/messages`), null for the endpoint itself. */
  surface?: { name: string; translated: boolean } | null;
  requestedModel: string;
  route: string | null;
  routeRevision: number | null;
  provider: string | null;
  model: string | null;
  versionId: string | null;
  status: string;
  httpStatus: number;
  errorCode: string | null;
  errorMessage: string | null;
  stream: boolean;
  cacheHit: boolean;
  keyId: string | null;
  user: string | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  ttftMs: number | null;
  latencyMs: number;
  overheadMs: number | null;
  attempts: Attempt[];
  request?: unknown;
  response?: unknown;
  feedback?: Feedback[];
}

export const MODEL_STAGES = ['candidate', 'staging', 'production', 'deprecated', 'retired'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

export interface Model {
  id: string;
  name: string;
  description: string;
  tags: string[];
  gates: string[];
  aliases: Record<string, string>;
  versionCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ModelVersion {
  id: string;
  model: string;
  name: string;
  seq: number;
  description: string;
  datasetVersionIds: string[];
  evalRunIds: string[];
  status: ModelStage;
  deprecatedAt: string | null;
  sunsetAt: string | null;
  replacement: string | null;
  discontinued: boolean;
  aliases: string[];
  createdAt: string;
  createdBy: string | null;
}

export interface AliasMove {
  alias: string;
  from: string | null;
  to: string | null;
  at: string;
  actor: ActorRef;
  reason: string;
  evalRunId: string | null;
}

export interface Route {
  name: string;
  revision: number;
  config: Record<string, unknown>;
  updatedAt: string;
}

export interface RouteRevision {
  name: string;
  revision: number;
  config: Record<string, unknown> | null;
  actor: ActorRef;
  reason: string | null;
  createdAt: string;
}

export interface Dataset {
  id: string;
  name: string;
  description: string;
  latestVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface DatasetVersion {
  id: string;
  dataset: string;
  version: number;
  hash: string;
  itemCount: number;
  splits: Record<string, number>;
  operation: string;
  parents: string[];
  message: string;
  createdAt: string;
  createdBy: string | null;
}

export interface QualityReport {
  id: string;
  versionId: string;
  status: string;
  report: unknown;
  createdAt: string;
}

export interface Lineage {
  root: string;
  direction: 'up' | 'down';
  nodes: { id: string; label: string; dataset: string; version: number; operation: string; itemCount: number; depth: number }[];
  edges: { from: string; to: string }[];
}

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface TrainingJob {
  id: string;
  name: string;
  backend: string;
  method: string;
  baseModel: string;
  outputModel: string;
  datasetVersionId: string | null;
  hyperParameters: Record<string, unknown>;
  state: JobState;
  attempt: number;
  progress: number;
  step: number;
  totalSteps: number;
  etaSeconds: number | null;
  lastLoss: number | null;
  error: string | null;
  modelVersionId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface LossPoint {
  step: number;
  loss: number;
  at: string;
}

export interface JobLogLine {
  seq: number;
  at: string;
  kind: 'log' | 'metric';
  level: string;
  message: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Me['role'];
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actor: ActorRef;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface Prompt {
  id: string;
  name: string;
  description: string;
  labels: Record<string, number>;
  latestVersion: number;
  updatedAt: string;
}
