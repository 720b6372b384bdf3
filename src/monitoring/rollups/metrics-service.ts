// Metrics as the API sees them: the roll-up worker and the retention job on their schedules,
// time-series queries from roll-ups, and recorded metric points (drift results and the like).
import type { Store } from '../../store/index.js';
import { newId, toJsonColumn } from '../../store/index.js';
import { PeriodicTask } from '../../scheduling/index.js';
import { type RollupPass, RollupWorker } from './rollup-worker.js';
import { type BreakdownQuery, type BreakdownRow, queryBreakdown } from './breakdown-query.js';
import { type TimeseriesPoint, type TimeseriesQuery, queryTimeseries } from './timeseries-query.js';
import { type RetentionResult, deleteExpiredTraces } from './trace-retention.js';

export interface MetricsServiceOptions {
  store: Store;
  /** 0 disables the background worker (tests call runRollups directly). */
  rollupIntervalMs: number;
  traceRetentionDays: number;
  settleMs?: number;
  /** Also part of retention: removes the data of deleted projects whose grace period ended. */
  purgeDeletedProjects?: (now: number) => Promise<{ projects: number }>;
  /** The clock of the retention job (tests inject one). */
  now?: () => number;
}

export interface MetricPointInput {
  projectId: string;
  metric: string;
  value: number;
  at?: number;
  route?: string;
  model?: string;
  labels?: Record<string, string>;
}

const RETENTION_EVERY_MS = 3_600_000;

export class MetricsService {
  readonly #o: MetricsServiceOptions;
  readonly #worker: RollupWorker;
  #task: PeriodicTask | undefined;
  #lastRetention = 0;

  constructor(options: MetricsServiceOptions) {
    this.#o = options;
    this.#worker = new RollupWorker({ store: options.store, settleMs: options.settleMs });
  }

  start(onError: (error: unknown) => void = () => {}): void {
    this.#task ??= new PeriodicTask({ intervalMs: this.#o.rollupIntervalMs, run: () => this.#tick(), onError });
    this.#task.start();
  }

  async close(): Promise<void> {
    await this.#task?.stop();
  }

  async #tick(): Promise<void> {
    const now = (this.#o.now ?? Date.now)();
    await this.runRollups(now);
    if (now - this.#lastRetention >= RETENTION_EVERY_MS) {
      this.#lastRetention = now;
      await this.runRetention(now);
    }
  }

  /** One pass of the roll-up worker over everything settled by `now`. */
  runRollups(now = Date.now()): Promise<RollupPass> {
    return this.#worker.runOnce(now);
  }

  /** Deletes traces older than the retention period, and deleted projects past their grace period. */
  async runRetention(now = (this.#o.now ?? Date.now)()): Promise<RetentionResult & { projects: number }> {
    const traces = await deleteExpiredTraces(this.#o.store, now - this.#o.traceRetentionDays * 86_400_000);
    const purged = this.#o.purgeDeletedProjects ? await this.#o.purgeDeletedProjects(now) : { projects: 0 };
    return { ...traces, projects: purged.projects };
  }

  timeseries(query: TimeseriesQuery): Promise<TimeseriesPoint[]> {
    return queryTimeseries(this.#o.store.db, query);
  }

  /** One row per route or model over a range, from one read of the roll-ups. */
  breakdown(query: BreakdownQuery): Promise<BreakdownRow[]> {
    return queryBreakdown(this.#o.store.db, query);
  }

  async recordPoint(input: MetricPointInput): Promise<void> {
    await this.#o.store.db
      .insertInto('metric_points')
      .values({ id: newId('mpt'), project_id: input.projectId, metric: input.metric, at: input.at ?? Date.now(), value: input.value, route: input.route ?? '', model: input.model ?? '', labels_json: toJsonColumn(input.labels) })
      .execute();
  }
}
