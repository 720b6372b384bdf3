// Canary rollouts: start one on a route, then pause, resume or abort it by hand. The controller
// (rollout-controller.ts) moves running rollouts through their steps. State lives in the store,
// so a restart picks up where it was; `active_route` refuses a second live rollout per route.
// Every read names the project: another project's rollout is ROLLOUT_NOT_FOUND.
import { StewardError, invalid } from '../errors/index.js';
import type { RouteConfig, RouteService } from '../gateway/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { ChangeFeed, Db, RolloutsTable, Store } from '../store/index.js';
import { isUniqueViolation, newId } from '../store/index.js';
import { activeRouteKey } from './active-route-key.js';
import { assertNoRouteCycle } from './route-graph.js';
import { DEFAULT_GUARDS, DEFAULT_STEPS, type RolloutGuards, configAtStep } from './rollout-plan.js';
import { EVENTS_TOPIC, type RolloutEvent, type RolloutEventData, type RolloutEventKind, type RolloutRecord, toRolloutEvent, toRolloutRecord } from './rollout-records.js';

export interface StartRolloutInput {
  route: string;
  /** What to roll out: a registry version (`support-003`) or `provider/model`. */
  target: string;
  /** Percentages of traffic, increasing, ending at 100. */
  steps?: number[];
  minStepSeconds?: number;
  minRequests?: number;
  guards?: Partial<RolloutGuards>;
  reason?: string;
}

export class RolloutService {
  readonly #store: Store;
  readonly #routes: RouteService;
  readonly #feed: ChangeFeed;

  constructor(options: { store: Store; routes: RouteService; feed: ChangeFeed }) {
    this.#store = options.store;
    this.#routes = options.routes;
    this.#feed = options.feed;
  }

  get routes(): RouteService {
    return this.#routes;
  }

  get store(): Store {
    return this.#store;
  }

  async start(actor: Actor, input: StartRolloutInput): Promise<RolloutRecord> {
    const steps = input.steps ?? [...DEFAULT_STEPS];
    if (steps.length === 0 || steps.some((s, i) => !(s > 0 && s <= 100) || (i > 0 && s <= steps[i - 1])) || steps[steps.length - 1] !== 100) {
      throw invalid(`steps ${JSON.stringify(steps)} must increase within (0, 100] and end at 100`);
    }
    const route = this.#routes.get(actor.projectId, input.route);
    if (!route) throw new StewardError({ code: 'NOT_FOUND', message: `route ${input.route} not found` });
    const guards: RolloutGuards = { ...DEFAULT_GUARDS, ...input.guards };
    const first = configAtStep(route.config, input.target, steps[0]);
    assertNoRouteCycle(first, (name) => this.#routes.get(actor.projectId, name)?.config);
    await this.#refuseExperiment(actor.projectId, input.route);
    const now = Date.now();
    const row: RolloutsTable = {
      id: newId('ro'),
      project_id: actor.projectId,
      route: input.route,
      active_route: activeRouteKey(actor.projectId, input.route),
      target: input.target,
      status: 'running',
      steps_json: JSON.stringify(steps),
      step_index: 0,
      step_started_at: now,
      min_step_ms: Math.round((input.minStepSeconds ?? 300) * 1000),
      min_requests: input.minRequests ?? 50,
      guards_json: JSON.stringify(guards),
      baseline_json: JSON.stringify(route.config),
      baseline_revision: route.revision,
      last_revision: null,
      reason: input.reason ?? null,
      version: 0,
      lease_until: null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      verdict_json: null,
    };
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('rollouts').values(row).execute();
        await recordAudit(tx, { actor, action: 'rollouts.start', resourceType: 'rollout', resourceId: row.id, after: { route: row.route, target: row.target, steps, guards } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'ROLLOUT_IN_PROGRESS', message: `route ${input.route} already has a rollout in progress`, details: { route: input.route } });
      throw error;
    }
    try {
      const written = await this.#routes.put(actor, first, `rollout ${row.id}: ${steps[0]}% to ${input.target}`);
      await this.#store.db.updateTable('rollouts').set({ last_revision: written.revision }).where('id', '=', row.id).execute();
    } catch (error) {
      // The first step could not be written: the rollout never began.
      await this.#store.db.updateTable('rollouts').set({ status: 'aborted', active_route: null, reason: `could not write the first step: ${String(error)}` }).where('id', '=', row.id).execute();
      throw error;
    }
    await this.event(row.id, 'started', `rollout of ${input.target} on ${input.route} started at ${steps[0]}%`, { steps });
    return this.get(actor.projectId, row.id);
  }

  async get(projectId: string, id: string, db: Db = this.#store.db): Promise<RolloutRecord> {
    return toRolloutRecord(await this.#row(db, projectId, id));
  }

  async list(projectId: string, filter: { route?: string; status?: string } = {}): Promise<RolloutRecord[]> {
    let q = this.#store.db.selectFrom('rollouts').selectAll().where('project_id', '=', projectId).orderBy('created_at', 'desc').limit(200);
    if (filter.route) q = q.where('route', '=', filter.route);
    if (filter.status) q = q.where('status', '=', filter.status);
    return (await q.execute()).map(toRolloutRecord);
  }

  async events(projectId: string, id: string): Promise<RolloutEvent[]> {
    await this.#row(this.#store.db, projectId, id);
    const rows = await this.#store.db.selectFrom('rollout_events').selectAll().where('rollout_id', '=', id).orderBy('at').orderBy('id').execute();
    return rows.map(toRolloutEvent);
  }

  async pause(actor: Actor, id: string, reason?: string): Promise<RolloutRecord> {
    await this.#transition(actor, id, 'running', { status: 'paused' }, 'paused', reason ?? 'paused by hand');
    return this.get(actor.projectId, id);
  }

  async resume(actor: Actor, id: string, reason?: string): Promise<RolloutRecord> {
    // The step's clock and request count start again: what ran while paused does not count.
    await this.#transition(actor, id, 'paused', { status: 'running', step_started_at: Date.now() }, 'resumed', reason ?? 'resumed by hand');
    return this.get(actor.projectId, id);
  }

  /** Stops the rollout and puts the baseline config back. */
  async abort(actor: Actor, id: string, reason?: string): Promise<RolloutRecord> {
    const row = await this.#row(this.#store.db, actor.projectId, id);
    if (row.status !== 'running' && row.status !== 'paused') throw stateError(row, 'abort');
    await this.finish(actor, row, 'aborted', reason ?? 'aborted by hand');
    return this.get(actor.projectId, id);
  }

  /**
   * Ends a live rollout: rolled back or aborted put the baseline back; completed leaves the route as
   * written. Compare-and-set on the row: only one caller finishes it.
   */
  async finish(actor: Actor, row: RolloutsTable, status: 'aborted' | 'rolled_back' | 'completed', reason: string, finalConfig?: RouteConfig): Promise<boolean> {
    const now = Date.now();
    const claimed = await this.#store.transaction(async (tx) => {
      const done = await tx
        .updateTable('rollouts')
        .set({ status, active_route: null, reason, updated_at: now, version: Number(row.version) + 1, lease_until: null })
        .where('id', '=', row.id)
        .where('version', '=', Number(row.version))
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await recordAudit(tx, { actor, action: `rollouts.${status}`, resourceType: 'rollout', resourceId: row.id, before: { status: row.status }, after: { status, reason } });
      return true;
    });
    if (!claimed) return false;
    const baseline = JSON.parse(row.baseline_json) as RouteConfig;
    const config = finalConfig ?? baseline;
    const written = await this.#routes.put(actor, config, `rollout ${row.id} ${status.replace('_', ' ')}: ${reason}`);
    await this.#store.db.updateTable('rollouts').set({ last_revision: written.revision }).where('id', '=', row.id).execute();
    await this.event(row.id, status, reason, { revision: written.revision });
    return true;
  }

  /** Records an event and announces it on the change feed (topic `events`) for alerting. */
  async event(rolloutId: string, kind: RolloutEventKind, message: string, data?: RolloutEventData): Promise<void> {
    const id = newId('roe');
    await this.#store.db.insertInto('rollout_events').values({ id, rollout_id: rolloutId, at: Date.now(), kind, message, data_json: data === undefined ? null : JSON.stringify(data) }).execute();
    await this.#feed.publish({ topic: EVENTS_TOPIC, id });
  }

  async #transition(actor: Actor, id: string, from: string, set: Partial<RolloutsTable>, kind: RolloutEventKind, reason: string): Promise<void> {
    await this.#store.transaction(async (tx) => {
      const row = await this.#row(tx, actor.projectId, id);
      if (row.status !== from) throw stateError(row, kind === 'paused' ? 'pause' : 'resume');
      await tx.updateTable('rollouts').set({ ...set, updated_at: Date.now(), version: Number(row.version) + 1 }).where('id', '=', id).where('version', '=', Number(row.version)).execute();
      await recordAudit(tx, { actor, action: `rollouts.${kind === 'paused' ? 'pause' : 'resume'}`, resourceType: 'rollout', resourceId: id, before: { status: row.status }, after: { status: set.status, reason } });
    });
    await this.event(id, kind, reason);
  }

  async #refuseExperiment(projectId: string, route: string): Promise<void> {
    const live = await this.#store.db.selectFrom('route_experiments').select('id').where('active_route', '=', activeRouteKey(projectId, route)).executeTakeFirst();
    if (live) throw new StewardError({ code: 'EXPERIMENT_RUNNING', message: `route ${route} has a running experiment (${live.id}); stop it first`, details: { experiment: live.id } });
  }

  async #row(db: Db, projectId: string, id: string): Promise<RolloutsTable> {
    const row = await db.selectFrom('rollouts').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new StewardError({ code: 'ROLLOUT_NOT_FOUND', message: `rollout ${id} not found` });
    return row;
  }
}

function stateError(row: RolloutsTable, action: string): StewardError {
  return new StewardError({ code: 'ROLLOUT_STATE_INVALID', message: `rollout ${row.id} is ${row.status}; it cannot ${action}`, details: { status: row.status } });
}
