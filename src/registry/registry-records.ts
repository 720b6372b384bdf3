// What the registry returns: models, versions, history entries and approvals, mapped from rows.
import type { ModelAliasHistoryTable, ModelApprovalsTable, ModelVersionHistoryTable, ModelVersionsTable, ModelsTable } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import type { GateOutcome } from './gate-checker.js';
import type { VersionStatus } from './lifecycle.js';
import type { ModelCard } from './model-card.js';
import type { VersionSource, VersionSpec } from './version-spec.js';

export interface ActorRef {
  id: string | null;
  name: string;
}

export interface ModelRecord {
  id: string;
  name: string;
  description: string;
  tags: string[];
  card: ModelCard;
  /** Gates a promotion to production must pass. */
  gates: string[];
  /** alias → version name. */
  aliases: Record<string, string>;
  versionCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ModelVersionRecord {
  id: string;
  model: string;
  name: string;
  seq: number;
  description: string;
  spec: VersionSpec;
  source: VersionSource;
  datasetVersionIds: string[];
  evalRunIds: string[];
  status: VersionStatus;
  deprecatedAt: string | null;
  sunsetAt: string | null;
  replacement: string | null;
  /** Past its sunset date, or retired: the gateway answers 410. */
  discontinued: boolean;
  aliases: string[];
  createdAt: string;
  createdBy: string | null;
}

export interface StageChangeEntry {
  version: string;
  from: VersionStatus | null;
  to: VersionStatus;
  at: string;
  actor: ActorRef;
  reason: string;
  evalRunId: string | null;
  forced: boolean;
  /** The gates checked for a move to production; null for any other move. */
  gates: GateOutcome[] | null;
}

export interface AliasMoveEntry {
  alias: string;
  from: string | null;
  to: string | null;
  at: string;
  actor: ActorRef;
  reason: string;
  evalRunId: string | null;
}

export interface ApprovalRecord {
  id: string;
  version: string;
  gate: string;
  at: string;
  actor: ActorRef;
  reason: string;
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

export function toModelRecord(row: ModelsTable, aliases: Record<string, string>): ModelRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tags: fromJsonColumn<string[]>(row.tags_json, []),
    card: fromJsonColumn<ModelCard>(row.card_json, {}),
    gates: fromJsonColumn<string[]>(row.gates_json, []),
    aliases,
    versionCount: Number(row.last_seq),
    createdAt: iso(row.created_at) ?? '',
    updatedAt: iso(row.updated_at) ?? '',
  };
}

export function isDiscontinued(row: Pick<ModelVersionsTable, 'status' | 'sunset_at'>, now = Date.now()): boolean {
  return row.status === 'retired' || (row.sunset_at !== null && Number(row.sunset_at) <= now);
}

export function toVersionRecord(row: ModelVersionsTable, model: string, aliases: string[]): ModelVersionRecord {
  return {
    id: row.id,
    model,
    name: row.name,
    seq: Number(row.seq),
    description: row.description,
    spec: fromJsonColumn<VersionSpec>(row.spec_json, { provider: 'unknown', model: 'unknown' }),
    source: fromJsonColumn<VersionSource>(row.source_json, { kind: 'manual' }),
    datasetVersionIds: fromJsonColumn<string[]>(row.dataset_version_ids_json, []),
    evalRunIds: fromJsonColumn<string[]>(row.eval_run_ids_json, []),
    status: row.status as VersionStatus,
    deprecatedAt: iso(row.deprecated_at),
    sunsetAt: iso(row.sunset_at),
    replacement: row.replacement,
    discontinued: isDiscontinued(row),
    aliases,
    createdAt: iso(row.created_at) ?? '',
    createdBy: row.created_by,
  };
}

export function toStageChange(row: ModelVersionHistoryTable, version: string): StageChangeEntry {
  return {
    version,
    from: row.from_status as VersionStatus | null,
    to: row.to_status as VersionStatus,
    at: iso(row.at) ?? '',
    actor: { id: row.actor_id, name: row.actor_name },
    reason: row.reason,
    evalRunId: row.eval_run_id,
    forced: Number(row.forced) === 1,
    gates: fromJsonColumn<GateOutcome[] | null>(row.gates_json, null),
  };
}

export function toAliasMove(row: ModelAliasHistoryTable, names: ReadonlyMap<string, string>): AliasMoveEntry {
  return {
    alias: row.alias,
    from: row.from_version_id ? (names.get(row.from_version_id) ?? row.from_version_id) : null,
    to: row.to_version_id ? (names.get(row.to_version_id) ?? row.to_version_id) : null,
    at: iso(row.at) ?? '',
    actor: { id: row.actor_id, name: row.actor_name },
    reason: row.reason,
    evalRunId: row.eval_run_id,
  };
}

export function toApproval(row: ModelApprovalsTable, version: string): ApprovalRecord {
  return { id: row.id, version, gate: row.gate, at: iso(row.at) ?? '', actor: { id: row.actor_id, name: row.actor_name }, reason: row.reason };
}
