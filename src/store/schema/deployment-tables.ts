// Tables of deployments: A-B experiments and canary rollouts on routes, and rollout events.

export interface RouteExperimentsTable {
  project_id: string | null;
  id: string;
  route: string;
  /** The route while the experiment runs, null after (unique: one live experiment per route). */
  active_route: string | null;
  name: string;
  description: string;
  status: string;
  arms_json: string;
  sticky: string;
  baseline_revision: number | null;
  started_at: number;
  stopped_at: number | null;
  winner: string | null;
  created_by: string | null;
  /** `fixed` or `sequential`: the test the verdict uses. */
  test: string;
  primary_metric: string;
  /** The bandit allocation (JSON), null for fixed weights. */
  allocation_json: string | null;
  /** Decisions taken so far; the replica whose compare-and-set bumps it takes the next. */
  decision_seq: number;
  next_decision_at: number | null;
}

/** One allocation decision of an experiment, in its history. */
export interface ExperimentDecisionsTable {
  id: string;
  project_id: string;
  experiment_id: string;
  seq: number;
  at: number;
  kind: string;
  shares_json: string;
  detail_json: string;
  winner: string | null;
  reason: string;
}

export interface RolloutsTable {
  project_id: string | null;
  id: string;
  route: string;
  /** The route while the rollout is live, null after (unique: one live rollout per route). */
  active_route: string | null;
  target: string;
  status: string;
  steps_json: string;
  step_index: number;
  step_started_at: number;
  min_step_ms: number;
  min_requests: number;
  guards_json: string;
  baseline_json: string;
  baseline_revision: number;
  last_revision: number | null;
  reason: string | null;
  version: number;
  lease_until: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  /** The guard verdict of the last tick (JSON). */
  verdict_json: string | null;
}

export interface RolloutEventsTable {
  id: string;
  rollout_id: string;
  at: number;
  kind: string;
  message: string;
  data_json: string | null;
}

export interface DeploymentTables {
  route_experiments: RouteExperimentsTable;
  experiment_decisions: ExperimentDecisionsTable;
  rollouts: RolloutsTable;
  rollout_events: RolloutEventsTable;
}
