// Tables of the training part: fine-tuning, preference-tuning and distillation jobs, and their
// log lines and loss points. Times are epoch milliseconds; JSON is stored as text.

export interface TrainingJobsTable {
  id: string;
  project_id: string;
  name: string;
  backend: string;
  method: string;
  /** The model trained from: a model version id, a provider model name or a builtin base. */
  base_model: string;
  /** The registry model the result is registered under as a candidate version. */
  output_model: string;
  dataset_version_id: string | null;
  /** Items given inline at submission (small jobs, the CLI's --data), as JSON. */
  inline_items_json: string | null;
  hyper_json: string;
  backend_config_json: string;
  state: string;
  attempt: number;
  /** 0..1 */
  progress: number;
  step: number;
  total_steps: number;
  eta_ms: number | null;
  last_loss: number | null;
  error: string | null;
  /** Where the artifact is, metrics, the remote job id: what the backend returned. */
  output_json: string | null;
  /** The backend's last checkpoint (resume after a restart). */
  checkpoint_json: string | null;
  model_version_id: string | null;
  cancel_requested: number;
  created_by: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  /** Replica running the job and until when its claim holds (renewed while it runs). */
  lease_owner: string | null;
  lease_until: number | null;
}

export interface TrainingJobEventsTable {
  job_id: string;
  seq: number;
  at: number;
  /** `log` or `metric`. */
  kind: string;
  level: string;
  message: string;
  step: number | null;
  loss: number | null;
  data_json: string | null;
}

export interface TrainingTables {
  training_jobs: TrainingJobsTable;
  training_job_events: TrainingJobEventsTable;
}
