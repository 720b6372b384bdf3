// A-B experiments on a route: arms are targets with weights and sticky assignment (by user or
// key), written as a weighted route revision; results compare each arm with the control (the first
// arm) on latency, cost, error rate and feedback, with confidence intervals and p-values.
import { StewardError, invalid } from '../errors/index.js';
import type { RouteConfig, RouteService } from '../gateway/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { MetricComparison } from '../statistics/index.js';
import type { Db, RouteExperimentsTable, Store } from '../store/index.js';
import { fromJsonColumn, isUniqueViolation, newId } from '../store/index.js';
import { activeRouteKey } from './active-route-key.js';
import { type ArmSummary, compareArms, summarizeArm } from './arm-summary.js';
import { assertNoRouteCycle, assertWeights } from './route-graph.js';
import { type RouteSample, loadRouteSamples, targetMatcher } from './route-samples.js';

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
}

export interface ExperimentResults {
  experiment: ExperimentRecord;
  /** Control is the first arm. */
  control: string;
  arms: ArmSummary[];
  comparisons: { arm: string; metrics: MetricComparison[] }[];
  /** Requests on the route in the window that matched no arm (e.g. fallbacks to other targets). */
  unassigned: number;
}

export interface StartExperimentInput {
  route: string;
  name: string;
  description?: string;
  arms: ExperimentArm[];
  sticky?: ExperimentSticky;
}

export class ExperimentService {
  readonly #store: Store;
  readonly #routes: RouteService;
  readonly #versionIdsOf: (projectId: string, target: string) => Promise<string[]>;

  constructor(options: { store: Store; routes: RouteService; versionIdsOf?: (projectId: string, target: string) => Promise<string[]> }) {
    this.#store = options.store;
    this.#routes = options.routes;
    this.#versionIdsOf = options.versionIdsOf ?? (async () => []);
  }

  async start(actor: Actor, input: StartExperimentInput): Promise<ExperimentRecord> {
    if (input.arms.length < 2) throw invalid('an experiment needs at least two arms');
    if (new Set(input.arms.map((a) => a.name)).size !== input.arms.length) throw invalid('arm names must be unique');
    assertWeights(input.arms.map((a) => a.weight));
    const route = this.#routes.get(actor.projectId, input.route);
    if (!route) throw new StewardError({ code: 'NOT_FOUND', message: `route ${input.route} not found` });
    const live = await this.#store.db.selectFrom('rollouts').select('id').where('active_route', '=', activeRouteKey(actor.projectId, input.route)).executeTakeFirst();
    if (live) throw new StewardError({ code: 'ROLLOUT_IN_PROGRESS', message: `route ${input.route} has a rollout in progress (${live.id})`, details: { rollout: live.id } });
    const sticky = input.sticky ?? 'user';
    const config: RouteConfig = { ...route.config, policy: 'weighted', sticky, targets: input.arms.map((a) => ({ model: a.model, weight: a.weight })) };
    assertNoRouteCycle(config, (name) => this.#routes.get(actor.projectId, name)?.config);
    const row: RouteExperimentsTable = {
      id: newId('exp'),
      project_id: actor.projectId,
      route: input.route,
      active_route: activeRouteKey(actor.projectId, input.route),
      name: input.name,
      description: input.description ?? '',
      status: 'running',
      arms_json: JSON.stringify(input.arms),
      sticky,
      baseline_revision: route.revision,
      started_at: Date.now(),
      stopped_at: null,
      winner: null,
      created_by: actor.id,
    };
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('route_experiments').values(row).execute();
        await recordAudit(tx, { actor, action: 'experiments.start', resourceType: 'experiment', resourceId: row.id, after: { route: row.route, arms: input.arms, sticky } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'EXPERIMENT_RUNNING', message: `route ${input.route} already has a running experiment`, details: { route: input.route } });
      throw error;
    }
    try {
      await this.#routes.put(actor, config, `experiment ${row.id} (${input.name}) started`);
    } catch (error) {
      await this.#store.db.updateTable('route_experiments').set({ status: 'stopped', active_route: null, stopped_at: Date.now() }).where('id', '=', row.id).execute();
      throw error;
    }
    return this.get(actor.projectId, row.id);
  }

  /** An experiment of the project; another project's is EXPERIMENT_NOT_FOUND. */
  async get(projectId: string, id: string, db: Db = this.#store.db): Promise<ExperimentRecord> {
    return toRecord(await this.#row(db, projectId, id));
  }

  async list(projectId: string, route?: string): Promise<ExperimentRecord[]> {
    let q = this.#store.db.selectFrom('route_experiments').selectAll().where('project_id', '=', projectId).orderBy('started_at', 'desc').limit(200);
    if (route) q = q.where('route', '=', route);
    return (await q.execute()).map(toRecord);
  }

  /** Live comparison of the arms over the experiment's window. */
  async results(projectId: string, id: string, options: { alpha?: number; now?: number } = {}): Promise<ExperimentResults> {
    const row = await this.#row(this.#store.db, projectId, id);
    const experiment = toRecord(row);
    const until = row.stopped_at === null ? (options.now ?? Date.now()) + 1 : Number(row.stopped_at);
    const samples = await loadRouteSamples(this.#store.db, projectId, row.route, Number(row.started_at), until);
    const matchers = await Promise.all(experiment.arms.map(async (arm) => targetMatcher(arm.model, await this.#versionIdsOf(projectId, arm.model))));
    const byArm = experiment.arms.map((): RouteSample[] => []);
    let unassigned = 0;
    for (const sample of samples) {
      const index = matchers.findIndex((match) => match(sample));
      if (index === -1) unassigned++;
      else byArm[index].push(sample);
    }
    return {
      experiment,
      control: experiment.arms[0].name,
      arms: experiment.arms.map((arm, i) => summarizeArm(arm.name, byArm[i])),
      comparisons: experiment.arms.slice(1).map((arm, i) => ({ arm: arm.name, metrics: compareArms(byArm[0], byArm[i + 1], options.alpha) })),
      unassigned,
    };
  }

  /** Stops the experiment: the winner's target alone takes the route, or (no winner) the route before the experiment comes back. */
  async stop(actor: Actor, id: string, options: { winner?: string; reason?: string } = {}): Promise<ExperimentRecord> {
    const row = await this.#row(this.#store.db, actor.projectId, id);
    if (row.status !== 'running') throw new StewardError({ code: 'CONFLICT', message: `experiment ${id} is already stopped` });
    const arms = fromJsonColumn<ExperimentArm[]>(row.arms_json, []);
    const winner = options.winner === undefined ? undefined : arms.find((a) => a.name === options.winner);
    if (options.winner !== undefined && !winner) throw invalid(`no arm named ${options.winner}; arms are ${arms.map((a) => a.name).join(', ')}`);
    const current = this.#routes.get(actor.projectId, row.route);
    let config: RouteConfig | null = null;
    if (winner && current) config = { ...current.config, policy: 'single', targets: [{ model: winner.model, weight: 1 }] };
    else if (row.baseline_revision !== null) config = (await this.#routes.revision(actor.projectId, row.route, Number(row.baseline_revision))).config;
    await this.#store.transaction(async (tx) => {
      const done = await tx.updateTable('route_experiments').set({ status: 'stopped', active_route: null, stopped_at: Date.now(), winner: winner?.name ?? null }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new StewardError({ code: 'CONFLICT', message: `experiment ${id} is already stopped` });
      await recordAudit(tx, { actor, action: 'experiments.stop', resourceType: 'experiment', resourceId: id, after: { winner: winner?.name ?? null, reason: options.reason ?? '' } });
    });
    if (config) await this.#routes.put(actor, config, `experiment ${id} stopped${winner ? `: ${winner.name} wins` : ''}${options.reason ? ` (${options.reason})` : ''}`);
    return this.get(actor.projectId, id);
  }

  async #row(db: Db, projectId: string, id: string): Promise<RouteExperimentsTable> {
    const row = await db.selectFrom('route_experiments').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new StewardError({ code: 'EXPERIMENT_NOT_FOUND', message: `experiment ${id} not found` });
    return row;
  }
}

function toRecord(row: RouteExperimentsTable): ExperimentRecord {
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
  };
}
