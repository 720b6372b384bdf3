// Evaluates every enabled alert rule on its metric's series, advances each alert through the pure
// state machine, stores the state and its transitions (the history), and hands notifications to a
// per-project dispatcher that retries with backoff off this path: a channel that is down never
// blocks evaluation. Runs on an interval on one replica at a time (lease); tests call tick(now).
import { randomBytes } from 'node:crypto';
import type { SecretService } from '../../governance/index.js';
import type { Store } from '../../store/index.js';
import { fromJsonColumn, newId, toJsonColumn } from '../../store/index.js';
import { type AlertNotification, type AlertRule, type AlertState, type SeriesPoint, evaluateRule, initialAlertState, step } from '../alerts/index.js';
import { type ChannelLogger, type DispatcherOptions, NotificationDispatcher } from '../channels/index.js';
import type { MetricsService } from '../rollups/index.js';
import { acquireLease } from '../rollups/index.js';
import { toSilence } from './alert-records.js';
import { STDERR_CHANNEL_LOGGER, buildChannel } from './channel-factory.js';
import { PeriodicTask } from '../../scheduling/index.js';

export interface AlertEvaluatorOptions {
  store: Store;
  secrets: SecretService;
  metrics: MetricsService;
  intervalMs: number;
  logger?: ChannelLogger;
  /** Dispatcher tuning (tests shorten the backoff). */
  dispatcher?: Omit<DispatcherOptions, 'channels' | 'onFailure' | 'onDelivered'>;
}

export interface TickResult {
  evaluated: number;
  notifications: AlertNotification[];
}

const LEASE = 'alert-evaluator';

export class AlertEvaluator {
  readonly #o: AlertEvaluatorOptions;
  readonly #owner = `alerts-${randomBytes(6).toString('hex')}`;
  readonly #dispatchers = new Map<string, Promise<NotificationDispatcher>>();
  readonly #retired: NotificationDispatcher[] = [];
  #task: PeriodicTask | undefined;
  /** History rows of deliveries still being written: drain() waits for them too. */
  readonly #historyWrites = new Set<Promise<unknown>>();

  constructor(options: AlertEvaluatorOptions) {
    this.#o = options;
  }

  start(onError: (error: unknown) => void = () => {}): void {
    this.#task ??= new PeriodicTask({ intervalMs: this.#o.intervalMs, run: () => this.tick(), onError });
    this.#task.start();
  }

  async close(): Promise<void> {
    await this.#task?.stop();
    const all = [...this.#retired, ...(await Promise.all(this.#dispatchers.values()))];
    await Promise.all(all.map((d) => d.close(2000)));
    await Promise.all(this.#historyWrites);
  }

  /** Channels of a project changed: the next notification builds a fresh dispatcher. */
  channelsChanged(projectId: string): void {
    const old = this.#dispatchers.get(projectId);
    this.#dispatchers.delete(projectId);
    if (old) void old.then((d) => this.#retired.push(d));
  }

  /** Waits until queued deliveries are done (tests). */
  async drain(timeoutMs = 10_000): Promise<boolean> {
    const all = await Promise.all(this.#dispatchers.values());
    const results = await Promise.all(all.map((d) => d.drain(timeoutMs)));
    await Promise.all(this.#historyWrites);
    return results.every(Boolean);
  }

  /** Evaluates every enabled rule at `now`. */
  async tick(now = Date.now()): Promise<TickResult> {
    const result: TickResult = { evaluated: 0, notifications: [] };
    if (!(await acquireLease(this.#o.store.db, LEASE, this.#owner, Math.max(60_000, this.#o.intervalMs * 3), now))) return result;
    const rows = await this.#o.store.db.selectFrom('alert_rules').selectAll().where('enabled', '=', 1).execute();
    const silenceRows = await this.#o.store.db.selectFrom('alert_silences').selectAll().where('ends_at', '>', now).where('starts_at', '<=', now).execute();
    for (const row of rows) {
      const rule = fromJsonColumn<AlertRule>(row.rule_json, {} as AlertRule);
      const silences = silenceRows.filter((s) => s.project_id === row.project_id).map(toSilence);
      const notifications = await this.#evaluate(row.project_id, rule, silences, now);
      result.evaluated += 1;
      result.notifications.push(...notifications);
      if (notifications.length) {
        const dispatcher = await this.#dispatcher(row.project_id);
        for (const n of notifications) dispatcher.dispatch(n);
      }
    }
    return result;
  }

  async #series(projectId: string, rule: AlertRule, now: number): Promise<SeriesPoint[]> {
    const lookback = rule.condition.type === 'baseline_deviation' ? rule.windowSeconds + rule.condition.baselineWindowSeconds : rule.condition.type === 'rate_of_change' ? 2 * rule.windowSeconds : rule.windowSeconds;
    const points = await this.#o.metrics.timeseries({ projectId, metric: rule.metric, step: 'minute', from: now - lookback * 1000 - 60_000, to: now + 1, route: rule.filter.route, model: rule.filter.model, key: rule.filter.key });
    // A minute bucket is stamped at its end, so a bucket still filling counts in the current window.
    return points.map((p) => ({ t: Math.min(p.t + 60_000, now), value: p.value }));
  }

  async #evaluate(projectId: string, rule: AlertRule, silences: ReturnType<typeof toSilence>[], now: number): Promise<AlertNotification[]> {
    const labels: Record<string, string> = Object.fromEntries(Object.entries(rule.filter).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const evaluation = evaluateRule(rule, await this.#series(projectId, rule, now), now);
    return this.#o.store.transaction(async (tx) => {
      const stored = await tx.selectFrom('alert_states').selectAll().where('rule_id', '=', rule.id).executeTakeFirst();
      const state = stored ? fromJsonColumn<AlertState>(stored.state_json, initialAlertState(rule.id, labels, now)) : initialAlertState(rule.id, labels, now);
      const before = state.history.length;
      const beforeLast = state.history[before - 1];
      const { state: next, notifications } = step(rule, state, evaluation, now, silences);
      // History is capped; new entries are those after the last one we had.
      const startIndex = beforeLast ? next.history.findIndex((h) => h === beforeLast || (h.at === beforeLast.at && h.to === beforeLast.to)) + 1 : 0;
      const fresh = next.history.slice(startIndex);
      for (const entry of fresh) {
        await tx
          .insertInto('alert_events')
          .values({ id: newId('aev'), project_id: projectId, rule_id: rule.id, fingerprint: next.fingerprint, at: entry.at, kind: entry.to, severity: rule.severity, observed: entry.observed, description: entry.description, silenced_by: entry.silencedBy ?? null, data_json: toJsonColumn({ from: entry.from, ruleName: rule.name }) })
          .execute();
      }
      const values = { project_id: projectId, rule_id: rule.id, status: next.status, state_json: JSON.stringify(next), updated_at: now };
      if (stored) await tx.updateTable('alert_states').set(values).where('fingerprint', '=', stored.fingerprint).execute();
      else await tx.insertInto('alert_states').values({ fingerprint: next.fingerprint, ...values }).execute();
      return notifications;
    });
  }

  #dispatcher(projectId: string): Promise<NotificationDispatcher> {
    let pending = this.#dispatchers.get(projectId);
    if (!pending) {
      pending = this.#buildDispatcher(projectId);
      this.#dispatchers.set(projectId, pending);
    }
    return pending;
  }

  async #buildDispatcher(projectId: string): Promise<NotificationDispatcher> {
    const rows = await this.#o.store.db.selectFrom('alert_channels').selectAll().where('project_id', '=', projectId).execute();
    const channels = await Promise.all(rows.map((r) => buildChannel(r, this.#o.secrets, this.#o.logger ?? STDERR_CHANNEL_LOGGER)));
    const record = (n: AlertNotification, kind: string, data: unknown) => {
      const write = this.#o.store.db
        .insertInto('alert_events')
        .values({ id: newId('aev'), project_id: projectId, rule_id: n.ruleId, fingerprint: n.fingerprint, at: Date.now(), kind, severity: n.severity, observed: n.observed, description: `${n.status}: ${n.description}`, silenced_by: null, data_json: toJsonColumn(data) })
        .execute()
        .catch(() => {})
        .finally(() => this.#historyWrites.delete(write));
      this.#historyWrites.add(write);
    };
    return new NotificationDispatcher({
      ...this.#o.dispatcher,
      channels,
      onDelivered: (d) => record(d.notification, 'delivered', { channel: d.channel, attempts: d.attempts, status: d.notification.status }),
      onFailure: (f) => record(f.notification, 'delivery_failed', { channel: f.channel, attempts: f.attempts, reason: f.reason, error: f.error, status: f.notification.status }),
    });
  }
}
