// Tables of the registry and prompts parts: models, versions, aliases, lifecycle history,
// approvals; prompts, prompt versions and labels. Times are epoch ms; JSON is text.

export interface ModelsTable {
  project_id: string | null;
  id: string;
  name: string;
  description: string;
  tags_json: string;
  card_json: string;
  /** Names of the gates a promotion to production must pass. */
  gates_json: string;
  last_seq: number;
  created_at: number;
  updated_at: number;
  created_by: string | null;
}

export interface ModelVersionsTable {
  id: string;
  /** The model's project (names such as `support-001` are unique per project). */
  project_id: string | null;
  model_id: string;
  seq: number;
  /** `model-001`: unique across all models. */
  name: string;
  description: string;
  spec_json: string;
  source_json: string;
  dataset_version_ids_json: string;
  eval_run_ids_json: string;
  status: string;
  deprecated_at: number | null;
  /** When the version is discontinued (the gateway answers 410 after it). */
  sunset_at: number | null;
  replacement: string | null;
  created_at: number;
  created_by: string | null;
}

export interface ModelVersionHistoryTable {
  id: string;
  version_id: string;
  from_status: string | null;
  to_status: string;
  at: number;
  actor_id: string | null;
  actor_name: string;
  reason: string;
  eval_run_id: string | null;
  forced: number;
  gates_json: string | null;
}

export interface ModelAliasesTable {
  model_id: string;
  alias: string;
  version_id: string;
  updated_at: number;
}

export interface ModelAliasHistoryTable {
  id: string;
  model_id: string;
  alias: string;
  from_version_id: string | null;
  to_version_id: string | null;
  at: number;
  actor_id: string | null;
  actor_name: string;
  reason: string;
  eval_run_id: string | null;
}

export interface ModelApprovalsTable {
  id: string;
  version_id: string;
  gate: string;
  at: number;
  actor_id: string | null;
  actor_name: string;
  reason: string;
}

export interface PromptsTable {
  project_id: string | null;
  id: string;
  name: string;
  description: string;
  last_version: number;
  created_at: number;
  updated_at: number;
  created_by: string | null;
}

export interface PromptVersionsTable {
  id: string;
  prompt_id: string;
  version: number;
  kind: string;
  template_json: string;
  variables_json: string;
  examples_json: string;
  params_json: string;
  model: string | null;
  message: string;
  created_at: number;
  created_by: string | null;
}

export interface PromptLabelsTable {
  prompt_id: string;
  label: string;
  version_id: string;
  updated_at: number;
}

export interface PromptLabelHistoryTable {
  id: string;
  prompt_id: string;
  label: string;
  from_version: number | null;
  to_version: number | null;
  at: number;
  actor_id: string | null;
  actor_name: string;
  reason: string;
}

export interface RegistryTables {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  model_version_history: ModelVersionHistoryTable;
  model_aliases: ModelAliasesTable;
  model_alias_history: ModelAliasHistoryTable;
  model_approvals: ModelApprovalsTable;
  prompts: PromptsTable;
  prompt_versions: PromptVersionsTable;
  prompt_labels: PromptLabelsTable;
  prompt_label_history: PromptLabelHistoryTable;
}
