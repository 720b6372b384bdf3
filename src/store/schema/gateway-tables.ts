// Tables of the gateway: configured providers, route revisions, prices, traces and their feedback,
// and the files and jobs of the Batch API. Times are epoch ms; JSON is text on both engines.

/** A provider configured through the API (env and steward.yaml providers are not stored). */
export interface GatewayProvidersTable {
  /** Null only for rows the migration could not attribute. */
  project_id: string | null;
  /** 1 when the instance owner shares the provider with every project. */
  shared: number;
  name: string;
  family: string;
  /** ProviderConfig without its apiKey, as JSON. */
  config_json: string;
  /** Name of the SecretService secret holding the API key, or null. */
  secret_name: string | null;
  created_at: number;
  updated_at: number;
}

/** Every version of every route; the latest revision of a name is its current config. */
export interface RouteRevisionsTable {
  project_id: string | null;
  id: string;
  route_name: string;
  revision: number;
  /** The route config as JSON; null for a deletion. */
  config_json: string | null;
  actor_id: string | null;
  actor_name: string;
  reason: string | null;
  created_at: number;
}

/** Price per million tokens of one provider/model. */
export interface PricesTable {
  project_id: string | null;
  provider: string;
  model: string;
  input_per_mtok: number;
  output_per_mtok: number;
  updated_at: number;
}

/** Limits of one API key (requests and tokens per minute, spend budget). */
export interface KeyLimitsTable {
  key_id: string;
  config_json: string;
  updated_at: number;
}

export interface TracesTable {
  id: string;
  project_id: string | null;
  created_at: number;
  endpoint: string;
  /** `responses`, `messages` or null (the endpoint itself); migration 058. */
  surface?: string | null;
  /** 1 translated to chat completions, 0 passed through natively, null without a surface. */
  surface_translated?: number | null;
  /** The model name the client asked for. */
  requested_model: string;
  route: string | null;
  route_revision: number | null;
  provider: string | null;
  model: string | null;
  version_id: string | null;
  prompt_version_id: string | null;
  status: string;
  http_status: number;
  error_code: string | null;
  error_message: string | null;
  stream: number;
  cache_hit: number;
  key_id: string | null;
  user_pseudonym: string | null;
  batch_id: string | null;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  ttft_ms: number | null;
  latency_ms: number;
  overhead_ms: number | null;
  attempts_json: string;
  request_json: string | null;
  response_json: string | null;
}

export interface FeedbackTable {
  project_id: string | null;
  id: string;
  trace_id: string;
  created_at: number;
  thumb: string | null;
  rating: number | null;
  comment: string | null;
  correction: string | null;
  source: string;
  annotator: string | null;
  actor_id: string | null;
}

export interface GatewayFilesTable {
  id: string;
  project_id: string | null;
  purpose: string;
  filename: string;
  bytes: number;
  created_at: number;
  /** sha256 of the bytes in the artifact store; null for a file kept only in one data dir (before migration 110). */
  sha256: string | null;
}

export interface BatchesTable {
  id: string;
  project_id: string | null;
  key_id: string | null;
  endpoint: string;
  input_file_id: string;
  output_file_id: string | null;
  error_file_id: string | null;
  status: string;
  completion_window: string;
  total: number;
  completed: number;
  failed: number;
  metadata_json: string | null;
  errors_json: string | null;
  created_at: number;
  in_progress_at: number | null;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  expires_at: number;
}

export interface GatewayTables {
  gateway_providers: GatewayProvidersTable;
  route_revisions: RouteRevisionsTable;
  prices: PricesTable;
  key_limits: KeyLimitsTable;
  traces: TracesTable;
  feedback: FeedbackTable;
  gateway_files: GatewayFilesTable;
  batches: BatchesTable;
}
