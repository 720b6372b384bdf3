// Drift monitors with a `scheduleSeconds` run by themselves: each tick, the replica holding the
// drift lease runs every monitor whose current period (now ÷ schedule) has not run yet. The period
// is claimed with a conditional update, so even two ticks racing at a lease hand-over run it once.
import { systemActor } from '../../governance/index.js';
import type { Store } from '../../store/index.js';
import { fromJsonColumn } from '../../store/index.js';
import { acquireLease } from '../rollups/index.js';
import type { DriftMonitorConfig } from './drift-monitor-config.js';
import type { DriftService, StoredDriftResult } from './drift-service.js';

export const DRIFT_SCHEDULE_LEASE = 'drift-schedule';

export interface ScheduledDriftRun {
  monitorId: string;
  projectId: string;
  monitor: string;
  /** floor(now / schedule): the period this run stands for. */
  period: number;
  results: StoredDriftResult[];
}

export interface DriftSchedulerOptions {
  store: Store;
  drift: DriftService;
  /** This replica's name in the lease. */
  owner: string;
  /** How long a tick's lease lasts (a replica that dies hands over after this). */
  leaseMs?: number;
  now?: () => number;
  onError?: (message: string, error: unknown) => void;
}

export class DriftScheduler {
  readonly #o: DriftSchedulerOptions;

  constructor(options: DriftSchedulerOptions) {
    this.#o = options;
  }

  /** One pass at `now`; the runs this replica made (none when another holds the lease). */
  async tick(now = (this.#o.now ?? Date.now)()): Promise<ScheduledDriftRun[]> {
    const db = this.#o.store.db;
    if (!(await acquireLease(db, DRIFT_SCHEDULE_LEASE, this.#o.owner, this.#o.leaseMs ?? 60_000, now))) return [];
    const monitors = await db.selectFrom('drift_monitors').select(['id', 'project_id', 'name', 'config_json', 'scheduled_period']).orderBy('id').execute();
    const runs: ScheduledDriftRun[] = [];
    for (const m of monitors) {
      const scheduleSeconds = fromJsonColumn<Partial<DriftMonitorConfig>>(m.config_json, {}).scheduleSeconds;
      if (!scheduleSeconds) continue;
      const period = Math.floor(now / (scheduleSeconds * 1000));
      const last = m.scheduled_period === null ? null : Number(m.scheduled_period);
      if (last !== null && last >= period) continue;
      const claimed = await db
        .updateTable('drift_monitors')
        .set({ scheduled_period: period })
        .where('id', '=', m.id)
        .where((eb) => eb.or([eb('scheduled_period', 'is', null), eb('scheduled_period', '<', period)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      try {
        const results = await this.#o.drift.run(systemActor(m.project_id), m.id, now);
        runs.push({ monitorId: m.id, projectId: m.project_id, monitor: m.name, period, results });
      } catch (error) {
        // The period stays claimed: a monitor that fails (a dataset gone) is tried again next period, not every tick.
        this.#o.onError?.(`scheduled drift monitor ${m.name} failed`, error);
      }
    }
    return runs;
  }
}
