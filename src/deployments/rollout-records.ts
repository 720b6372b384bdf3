// What the rollout service returns, mapped from rows.
import type { RolloutEventsTable, RolloutsTable } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import type { GuardVerdict, RolloutGuards, RolloutStatus } from './rollout-plan.js';

/** The guard verdict of a rollout's last tick. */
export type RolloutVerdict = Omit<GuardVerdict, 'canary' | 'baseline'> & {
  at: string;
  /** The step's share of traffic on the canary when it was reached. */
  percent: number;
  canaryRequests: number;
  baselineRequests: number;
  /** Whether the canary had its minimum requests, so the verdict could act. */
  enough: boolean;
};

export interface RolloutRecord {
  id: string;
  route: string;
  target: string;
  status: RolloutStatus;
  steps: number[];
  stepIndex: number;
  /** Share of traffic on the target now (0 before the first step is written). */
  percent: number;
  stepStartedAt: string;
  minStepSeconds: number;
  minRequests: number;
  guards: RolloutGuards;
  baselineRevision: number;
  lastRevision: number | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the controller's last tick saw; null before it looked. */
  verdict: RolloutVerdict | null;
}

export const ROLLOUT_EVENT_KINDS = ['started', 'step', 'paused', 'resumed', 'aborted', 'rolled_back', 'completed', 'gate_failed'] as const;
export type RolloutEventKind = (typeof ROLLOUT_EVENT_KINDS)[number];

/** What an event records besides its message; which fields depends on the kind. */
export interface RolloutEventData {
  /** started: the steps of the plan. */
  steps?: number[];
  /** step: the share of traffic now on the target. */
  percent?: number;
  /** step, aborted, rolled_back, completed: the route revision written. */
  revision?: number;
  /** step: requests each side saw in the step that was left. */
  canaryRequests?: number;
  baselineRequests?: number;
}

export interface RolloutEvent {
  id: string;
  rolloutId: string;
  at: string;
  kind: RolloutEventKind;
  message: string;
  /** null for paused, resumed and gate_failed. */
  data: RolloutEventData | null;
}

/** Change-feed topic for alerting: the id is a rollout event id (read it from rollout_events). */
export const EVENTS_TOPIC = 'events';

export function toRolloutRecord(row: RolloutsTable): RolloutRecord {
  const steps = fromJsonColumn<number[]>(row.steps_json, []);
  const status = row.status as RolloutStatus;
  const index = Number(row.step_index);
  return {
    id: row.id,
    route: row.route,
    target: row.target,
    status,
    steps,
    stepIndex: index,
    percent: status === 'completed' ? 100 : status === 'rolled_back' || status === 'aborted' ? 0 : (steps[index] ?? 0),
    stepStartedAt: new Date(Number(row.step_started_at)).toISOString(),
    minStepSeconds: Number(row.min_step_ms) / 1000,
    minRequests: Number(row.min_requests),
    guards: fromJsonColumn<RolloutGuards>(row.guards_json, {} as RolloutGuards),
    baselineRevision: Number(row.baseline_revision),
    lastRevision: row.last_revision === null ? null : Number(row.last_revision),
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
    verdict: fromJsonColumn<RolloutVerdict | null>(row.verdict_json, null),
  };
}

export function toRolloutEvent(row: RolloutEventsTable): RolloutEvent {
  return { id: row.id, rolloutId: row.rollout_id, at: new Date(Number(row.at)).toISOString(), kind: row.kind as RolloutEventKind, message: row.message, data: fromJsonColumn<RolloutEventData | null>(row.data_json, null) };
}
