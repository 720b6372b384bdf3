// Tables of the evaluations part: runs, per-item results (written as each item completes, so a run
// resumes where it stopped), named gates and the results of evaluating them.

export interface EvalRunsTable {
  id: string;
  project_id: string;
  name: string;
  dataset_id: string;
  dataset_version_id: string;
  /** The model name the gateway resolves: a route, `provider/model` or a model version. */
  target: string;
  /** Registry model and version this run evaluates, when known (gates, leaderboards). */
  model_name: string | null;
  model_version: string | null;
  /** The prompt (reference and template) as JSON, or null. */
  prompt_json: string | null;
  /** `[{ name, metric, config }]` as JSON. */
  metrics_json: string;
  /** Sampling and execution parameters as JSON. */
  params_json: string;
  /** queued, running, completed, completed_with_errors, failed, cancelled. */
  status: string;
  total_items: number;
  completed_items: number;
  failed_items: number;
  summary_json: string | null;
  error: string | null;
  /** The run whose cached outputs this one re-scored. */
  rescored_from: string | null;
  /** Replica holding the run, and until when (a crashed holder's lease expires and another resumes). */
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  created_by: string | null;
}

export interface EvalResultsTable {
  run_id: string;
  item_id: string;
  position: number;
  /** The model's answer; null when the call failed. */
  output: string | null;
  latency_ms: number | null;
  usage_json: string | null;
  cost_usd: number | null;
  /** Why the model call failed, or null. */
  call_error: string | null;
  /** `{ [metricName]: MetricResult }` as JSON. */
  scores_json: string;
  created_at: number;
}

export interface EvalGatesTable {
  id: string;
  project_id: string;
  name: string;
  description: string;
  /** Dataset the gate evaluates on (name), or null for any. */
  dataset_name: string | null;
  /** Rule texts as JSON, e.g. `["accuracy >= 0.8"]`. */
  rules_json: string;
  /** Share of errored items (call or metric error) the gate tolerates; 0 fails on any error. */
  max_error_rate: number;
  created_at: number;
  updated_at: number;
}

export interface EvalGateResultsTable {
  id: string;
  run_id: string;
  gate_name: string;
  passed: number;
  /** Per-rule outcomes as JSON. */
  results_json: string;
  baseline_run_id: string | null;
  created_at: number;
  created_by: string | null;
}

export interface EvalTables {
  eval_runs: EvalRunsTable;
  eval_results: EvalResultsTable;
  eval_gates: EvalGatesTable;
  eval_gate_results: EvalGateResultsTable;
}
