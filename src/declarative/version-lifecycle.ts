// A version's lifecycle as a declarative document holds it: its moves after registration (stage and
// reason, oldest first) and its deprecation dates. `apply` replays the moves a store has not seen
// yet, as they were recorded — no gates, no production hand-over: the document is the record of
// what was already decided — and `export` writes them back, so export → apply → export is stable.
import { StewardError } from '../errors/index.js';
import type { Actor } from '../governance/index.js';
import { type VersionStatus, canMove } from '../registry/lifecycle.js';
import type { ModelVersionsTable, Tx } from '../store/index.js';
import { newId } from '../store/index.js';
import type { DeclaredVersion } from './declarative-document.js';

export interface LifecycleMove {
  stage: VersionStatus;
  reason: string;
}

/** The moves a declared version asks for: its `history`, or one move to its `stage`. */
export function declaredMoves(v: DeclaredVersion, field: string): LifecycleMove[] {
  const moves = v.history ?? (v.stage && v.stage !== 'candidate' ? [{ stage: v.stage, reason: 'steward apply' }] : []);
  const last = moves.at(-1)?.stage ?? 'candidate';
  if (v.stage !== undefined && v.stage !== last) {
    throw new StewardError({ code: 'DECLARATIVE_INVALID', message: `${field}.stage: ${v.stage} is not where its history ends (${last})`, details: { field: `${field}.stage` } });
  }
  return moves;
}

/** Whether the stored version differs from the declared one in stage or deprecation dates. */
export function lifecycleDiffers(current: { status: string; deprecatedAt: string | null; sunsetAt: string | null; replacement: string | null }, v: DeclaredVersion, field: string): boolean {
  const stage = declaredMoves(v, field).at(-1)?.stage ?? 'candidate';
  if (current.status !== stage) return true;
  if (v.deprecatedAt !== undefined && Date.parse(v.deprecatedAt) !== Date.parse(current.deprecatedAt ?? '')) return true;
  if (v.sunsetAt !== undefined && Date.parse(v.sunsetAt) !== Date.parse(current.sunsetAt ?? '')) return true;
  return v.replacement !== undefined && v.replacement !== current.replacement;
}

/** The moves recorded for a version after its registration, oldest first. */
export async function storedMoves(tx: Tx, versionId: string): Promise<LifecycleMove[]> {
  const rows = await tx.selectFrom('model_version_history').select(['from_status', 'to_status', 'reason']).where('version_id', '=', versionId).orderBy('at').orderBy('id').execute();
  return rows.filter((r) => r.from_status !== null).map((r) => ({ stage: r.to_status as VersionStatus, reason: r.reason }));
}

/** Replays the declared moves the store lacks and sets declared deprecation dates; true when it wrote. */
export async function restoreLifecycle(tx: Tx, actor: Actor, row: ModelVersionsTable, v: DeclaredVersion, field: string, now: number): Promise<boolean> {
  const declared = declaredMoves(v, field);
  const stored = await storedMoves(tx, row.id);
  const diverges = stored.length > declared.length || stored.some((m, i) => m.stage !== declared[i]?.stage);
  if (diverges) {
    throw new StewardError({
      code: 'STAGE_TRANSITION_INVALID',
      message: `${field}.history: ${row.name} went ${stored.map((m) => m.stage).join(' → ') || '(nowhere)'}; the document says ${declared.map((m) => m.stage).join(' → ') || '(nowhere)'} — lifecycles only move forward`,
      details: { field: `${field}.history` },
    });
  }
  let status = row.status as VersionStatus;
  let wrote = false;
  const deprecatedAt = v.deprecatedAt !== undefined ? Date.parse(v.deprecatedAt) : null;
  for (const move of declared.slice(stored.length)) {
    if (!canMove(status, move.stage)) throw new StewardError({ code: 'STAGE_TRANSITION_INVALID', message: `${field}.history: ${row.name} cannot move from ${status} to ${move.stage}`, details: { field: `${field}.history` } });
    const set: { status: VersionStatus; deprecated_at?: number } = { status: move.stage };
    if (move.stage === 'deprecated' && row.deprecated_at === null) set.deprecated_at = deprecatedAt ?? now;
    await tx.updateTable('model_versions').set(set).where('id', '=', row.id).execute();
    await tx
      .insertInto('model_version_history')
      .values({ id: newId('mvh'), version_id: row.id, from_status: status, to_status: move.stage, at: now, actor_id: actor.id, actor_name: actor.name, reason: move.reason, eval_run_id: null, forced: 0, gates_json: null })
      .execute();
    status = move.stage;
    wrote = true;
  }
  const dates: { deprecated_at?: number; sunset_at?: number; replacement?: string } = {};
  if (deprecatedAt !== null && deprecatedAt !== Number(row.deprecated_at ?? Number.NaN)) dates.deprecated_at = deprecatedAt;
  if (v.sunsetAt !== undefined && Date.parse(v.sunsetAt) !== Number(row.sunset_at ?? Number.NaN)) dates.sunset_at = Date.parse(v.sunsetAt);
  if (v.replacement !== undefined && v.replacement !== row.replacement) dates.replacement = v.replacement;
  if (Object.keys(dates).length > 0) {
    await tx.updateTable('model_versions').set(dates).where('id', '=', row.id).execute();
    wrote = true;
  }
  return wrote;
}
