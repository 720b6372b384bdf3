// Moving an alias inside a transaction, with its history row: who, when, why, from → to, and
// the evaluation run that allowed it. The caller holds the model lock.
import type { Actor } from '../governance/index.js';
import type { Tx } from '../store/index.js';
import { newId } from '../store/index.js';

export interface AliasMove {
  modelId: string;
  alias: string;
  /** The version the alias points at next, or null to remove it. */
  versionId: string | null;
  actor: Actor;
  reason: string;
  evalRunId?: string | null;
  now: number;
}

/** Moves (or removes) an alias; returns the version id it pointed at before. No-op when unchanged. */
export async function moveAlias(tx: Tx, move: AliasMove): Promise<string | null> {
  const current = await tx
    .selectFrom('model_aliases')
    .select('version_id')
    .where('model_id', '=', move.modelId)
    .where('alias', '=', move.alias)
    .executeTakeFirst();
  const from = current?.version_id ?? null;
  if (from === move.versionId) return from;
  if (move.versionId === null) {
    await tx.deleteFrom('model_aliases').where('model_id', '=', move.modelId).where('alias', '=', move.alias).execute();
  } else if (current) {
    await tx
      .updateTable('model_aliases')
      .set({ version_id: move.versionId, updated_at: move.now })
      .where('model_id', '=', move.modelId)
      .where('alias', '=', move.alias)
      .execute();
  } else {
    await tx.insertInto('model_aliases').values({ model_id: move.modelId, alias: move.alias, version_id: move.versionId, updated_at: move.now }).execute();
  }
  await tx
    .insertInto('model_alias_history')
    .values({
      id: newId('alh'),
      model_id: move.modelId,
      alias: move.alias,
      from_version_id: from,
      to_version_id: move.versionId,
      at: move.now,
      actor_id: move.actor.id,
      actor_name: move.actor.name,
      reason: move.reason,
      eval_run_id: move.evalRunId ?? null,
    })
    .execute();
  return from;
}
