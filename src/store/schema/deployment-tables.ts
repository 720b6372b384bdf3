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
  rollouts: RolloutsTable;
  rollout_events: RolloutEventsTable;
}
