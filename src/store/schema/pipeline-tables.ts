// Tables of retraining pipelines: definitions (what to curate, train, evaluate and roll out, and
// what triggers it), runs, and the steps of a run with the artifacts each made.

export interface PipelinesTable {
  id: string;
  project_id: string;
  name: string;
  /** The validated definition as JSON. */
  definition_json: string;
  enabled: number;
  /** When a trigger last started a run (schedule and counters measure from here). */
  last_triggered_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PipelineRunsTable {
  id: string;
  project_id: string;
  pipeline_id: string;
  /** manual, schedule, alert, drift, feedback. */
  trigger: string;
  trigger_detail: string | null;
  /** running, succeeded, failed, gated (the gate said no; nothing rolled out). */
  status: string;
  error: string | null;
  started_at: number;
  finished_at: number | null;
  /** The replica executing it, its last heartbeat, and the interrupted run it retries (migration 112). */
  owner: string | null;
  heartbeat_at: number | null;
  retry_of: string | null;
}

export interface PipelineStepsTable {
  run_id: string;
  position: number;
  name: string;
  /** pending, running, succeeded, failed, skipped. */
  status: string;
  detail: string;
  /** [{ kind, id }]: dataset version, training job, model version, eval run, rollout. */
  artifacts_json: string;
  started_at: number | null;
  finished_at: number | null;
}

export interface PipelineTables {
  pipelines: PipelinesTable;
  pipeline_runs: PipelineRunsTable;
  pipeline_steps: PipelineStepsTable;
}
