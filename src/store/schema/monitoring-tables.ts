// Tables of the monitoring services: metric roll-ups (per minute and hour, per route, model
// version and key), incremental cursors and worker leases, free metric points (drift results),
// ingested spans, and alerting (rules, channels, silences, alert states and their events).

export interface MetricRollupsTable {
  project_id: string;
  /** `minute` or `hour`. */
  resolution: string;
  /** Start of the bucket, epoch ms. */
  bucket_start: number;
  /** '' when the trace had none. */
  route: string;
  /** The model version id, else the provider model name, else ''. */
  model: string;
  key_id: string;
  requests: number;
  errors: number;
  cache_hits: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  /** Serialised mergeable histograms (src/monitoring/histogram). */
  latency_hist: string;
  ttft_hist: string;
  feedback_count: number;
  /** Sum of feedback scores in [0, 1] (thumb up 1, down 0; rating 1..5 as (r-1)/4). */
  feedback_sum: number;
  updated_at: number;
}

/** Where an incremental worker stopped: the last (time, id) it consumed. */
export interface MonitoringCursorsTable {
  name: string;
  at: number;
  last_id: string;
  updated_at: number;
}

/** One row per background worker that must run on one replica at a time. */
export interface MonitoringLeasesTable {
  name: string;
  owner: string;
  until: number;
}

/** A point of a metric that does not come from traces (drift statistics, scores of probes). */
export interface MetricPointsTable {
  id: string;
  project_id: string;
  metric: string;
  at: number;
  value: number;
  route: string;
  model: string;
  /** Extra labels as JSON. */
  labels_json: string | null;
}

export interface SpansTable {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  project_id: string;
  name: string;
  kind: string;
  start_ms: number;
  end_ms: number;
  status_code: string;
  status_message: string | null;
  service_name: string | null;
  /** GenAI operation (chat, embeddings, retrieval, tool…), when recognised. */
  operation: string | null;
  model: string | null;
  attributes_json: string;
  events_json: string | null;
  /** The Steward trace row made for a GenAI LLM span. */
  steward_trace_id: string | null;
  received_at: number;
}

export interface AlertRulesTable {
  id: string;
  project_id: string;
  name: string;
  /** The validated rule (src/monitoring/alerts) as JSON. */
  rule_json: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface AlertChannelsTable {
  id: string;
  project_id: string;
  name: string;
  kind: string;
  url: string | null;
  /** Name of the SecretService secret that signs webhook deliveries. */
  secret_name: string | null;
  created_at: number;
  updated_at: number;
}

export interface AlertSilencesTable {
  id: string;
  project_id: string;
  matchers_json: string;
  starts_at: number;
  ends_at: number;
  comment: string;
  created_by: string;
  created_at: number;
}

/** The state of one alert (rule × label set), as the state machine left it. */
export interface AlertStatesTable {
  fingerprint: string;
  project_id: string;
  rule_id: string;
  status: string;
  state_json: string;
  updated_at: number;
}

/** Every transition and delivery outcome, newest last: the alert history. */
export interface AlertEventsTable {
  id: string;
  project_id: string;
  rule_id: string;
  fingerprint: string;
  at: number;
  /** firing, resolved, pending, inactive, delivered, delivery_failed. */
  kind: string;
  severity: string;
  observed: number | null;
  description: string;
  silenced_by: string | null;
  data_json: string | null;
}

export interface DriftMonitorsTable {
  id: string;
  project_id: string;
  name: string;
  config_json: string;
  created_at: number;
  updated_at: number;
  /** The last schedule period a replica claimed (migration 111); null until the first scheduled run. */
  scheduled_period: number | null;
}

export interface DriftResultsTable {
  id: string;
  monitor_id: string;
  project_id: string;
  at: number;
  feature: string;
  test: string;
  statistic: number;
  p_value: number | null;
  threshold: number;
  drifted: number;
  n_reference: number;
  n_current: number;
  details_json: string | null;
}

export interface MonitoringTables {
  drift_monitors: DriftMonitorsTable;
  drift_results: DriftResultsTable;
  metric_rollups: MetricRollupsTable;
  monitoring_cursors: MonitoringCursorsTable;
  monitoring_leases: MonitoringLeasesTable;
  metric_points: MetricPointsTable;
  spans: SpansTable;
  alert_rules: AlertRulesTable;
  alert_channels: AlertChannelsTable;
  alert_silences: AlertSilencesTable;
  alert_states: AlertStatesTable;
  alert_events: AlertEventsTable;
}
