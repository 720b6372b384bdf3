// What the experiment service returns, mapped from rows: experiments and the decisions of their history.
import type { ExperimentMetric } from '../statistics/index.js';
import type { ExperimentDecisionsTable, RouteExperimentsTable } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import type { BanditAllocation } from './experiment-bandit.js';
import type { ExperimentTest } from './experiment-verdict.js';

export const EXPERIMENT_STICKY = ['user', 'key'] as const;
export type ExperimentSticky = (typeof EXPERIMENT_STICKY)[number];

export interface ExperimentArm {
  name: string;
  /** The route target: a registry version or alias, or `provider/model`. */
  model: string;
  weight: number;
}

export interface ExperimentRecord {
  id: string;
  route: string;
  name: string;
  description: string;
  status: 'running' | 'stopped';
  arms: ExperimentArm[];
  sticky: ExperimentSticky;
  baselineRevision: number | null;
  startedAt: string;
  stoppedAt: string | null;
  winner: string | null;
  /** The test the verdict reads: `sequential` (always valid) or `fixed` (fixed horizon). */
  test: ExperimentTest;
  /** The metric the verdict is about. */
  primaryMetric: ExperimentMetric;
  /** Bandit allocation, or null when the arms keep their weights. */
  allocation: BanditAllocation | null;
}

export const DECISION_KINDS = ['start', 'allocation', 'stop'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** One decision in an experiment's history. */
export interface ExperimentDecision {
  seq: number;
  at: string;
  kind: DecisionKind;
  /** Traffic share per arm from this decision on. */
  shares: Record<string, number>;
  /** P(best) per arm (Thompson sampling), empty for the start. */
  probabilityBest: Record<string, number>;
  /** Rewards seen per arm when deciding. */
  rewards: Record<string, { n: number; mean: number | null }>;
  winner: string | null;
  reason: string;
  /** The route revision the decision wrote, null when it wrote none. */
  revision: number | null;
}

interface DecisionDetail {
  probabilityBest: Record<string, number>;
  rewards: Record<string, { n: number; mean: number | null }>;
  revision: number | null;
}

export function decisionDetailJson(detail: DecisionDetail): string {
  return JSON.stringify(detail);
}

export function toExperimentRecord(row: RouteExperimentsTable): ExperimentRecord {
  const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
  return {
    id: row.id,
    route: row.route,
    name: row.name,
    description: row.description,
    status: row.status as 'running' | 'stopped',
    arms: fromJsonColumn<ExperimentArm[]>(row.arms_json, []),
    sticky: row.sticky as ExperimentSticky,
    baselineRevision: row.baseline_revision === null ? null : Number(row.baseline_revision),
    startedAt: iso(row.started_at) ?? '',
    stoppedAt: iso(row.stopped_at),
    winner: row.winner,
    test: row.test as ExperimentTest,
    primaryMetric: row.primary_metric as ExperimentMetric,
    allocation: row.allocation_json === null ? null : fromJsonColumn<BanditAllocation | null>(row.allocation_json, null),
  };
}

export function toExperimentDecision(row: ExperimentDecisionsTable): ExperimentDecision {
  const detail = fromJsonColumn<DecisionDetail>(row.detail_json, { probabilityBest: {}, rewards: {}, revision: null });
  return {
    seq: Number(row.seq),
    at: new Date(Number(row.at)).toISOString(),
    kind: row.kind as DecisionKind,
    shares: fromJsonColumn<Record<string, number>>(row.shares_json, {}),
    probabilityBest: detail.probabilityBest,
    rewards: detail.rewards,
    winner: row.winner,
    reason: row.reason,
    revision: detail.revision,
  };
}
