// A lease row per background worker, so that with several replicas one of them does the work at a
// time: taken when free or expired, renewed by its holder, never held by two.
import type { Db } from '../../store/index.js';
import { isUniqueViolation } from '../../store/index.js';

/** Takes or renews the lease `name` for `owner` until `now + ttlMs`; false when another replica holds it. */
export async function acquireLease(db: Db, name: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const updated = await db
    .updateTable('monitoring_leases')
    .set({ owner, until: now + ttlMs })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('owner', '=', owner), eb('until', '<', now)]))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  try {
    await db.insertInto('monitoring_leases').values({ name, owner, until: now + ttlMs }).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('monitoring_leases').where('name', '=', name).where('owner', '=', owner).execute();
}
