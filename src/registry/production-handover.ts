// One production version per model: promoting a version hands production over, in the promotion's
// own transaction, by moving every other production version of the model to `deprecated` (the next
// stage forward) with the new version as its replacement. The caller holds the model lock, so
// concurrent promotions hand over one after the other and never leave two in production.
import type { Actor } from '../governance/index.js';
import type { ModelVersionsTable, Tx } from '../store/index.js';
import { newId } from '../store/index.js';

/** Deprecates the model's other production versions; returns their names. */
export async function handOverProduction(tx: Tx, promoted: Pick<ModelVersionsTable, 'id' | 'model_id' | 'name'>, actor: Actor, now: number): Promise<string[]> {
  const others = await tx
    .selectFrom('model_versions')
    .select(['id', 'name', 'deprecated_at'])
    .where('model_id', '=', promoted.model_id)
    .where('status', '=', 'production')
    .where('id', '!=', promoted.id)
    .execute();
  for (const other of others) {
    await tx
      .updateTable('model_versions')
      .set({ status: 'deprecated', deprecated_at: other.deprecated_at ?? now, replacement: promoted.name })
      .where('id', '=', other.id)
      .execute();
    await tx
      .insertInto('model_version_history')
      .values({ id: newId('mvh'), version_id: other.id, from_status: 'production', to_status: 'deprecated', at: now, actor_id: actor.id, actor_name: actor.name, reason: `replaced in production by ${promoted.name}`, eval_run_id: null, forced: 0, gates_json: null })
      .execute();
  }
  return others.map((o) => o.name);
}
