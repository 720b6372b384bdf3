// A-B experiments on a route: arms are targets with weights and sticky assignment (by user or
// key), written as a weighted route revision; results compare each arm with the control (the first
// arm) on latency, cost, error rate and feedback — fixed-horizon tests and always-valid sequential
// tests — and give the verdict of the experiment's chosen test. A bandit experiment's weights move
// by the decisions of experiment-allocator.ts, each one kept in the experiment's history.
import { StewardError, invalid } from '../errors/index.js';
import type { RouteConfig, RouteService } from '../gateway/index.js';
import { type Actor, recordAudit } from '../governance/index.js';
import type { ExperimentMetric, MetricComparison } from '../statistics/index.js';
import type { Db, RouteExperimentsTable, Store } from '../store/index.js';
import { fromJsonColumn, isUniqueViolation, newId } from '../store/index.js';
import { activeRouteKey } from './active-route-key.js';
import { type ArmSummary, compareArms, summarizeArm } from './arm-summary.js';
import { type BanditAllocationInput, resolveBandit } from './experiment-bandit.js';
import {
  type ExperimentArm,
  type ExperimentDecision,
  type ExperimentRecord,
  type ExperimentSticky,
  decisionDetailJson,
  toExperimentDecision,
  toExperimentRecord,
} from './experiment-records.js';
import { type ExperimentTest, type ExperimentVerdict, type SequentialComparison, compareArmsSequentially, decideExperiment } from './experiment-verdict.js';
import { assertNoRouteCycle, assertWeights } from './route-graph.js';
import { type RouteSample, loadRouteSamples, targetMatcher } from './route-samples.js';

export interface ExperimentResults {
  experiment: ExperimentRecord;
  /** Control is the first arm. */
  control: string;
  arms: ArmSummary[];
  /** Fixed-horizon tests (Welch, two-proportion z): valid when read once at a planned sample size. */
  comparisons: { arm: string; metrics: MetricComparison[] }[];
  /** Always-valid sequential tests (mixture SPRT): valid however often they are read. */
  sequential: { arm: string; metrics: SequentialComparison[] }[];
  /** The verdict of the experiment's test on its primary metric. */
  verdict: ExperimentVerdict;
  /** Requests on the route in the window that matched no arm (e.g. fallbacks to other targets). */
  unassigned: number;
}

export interface StartExperimentInput {
  route: string;
  name: string;
  description?: string;
  arms: ExperimentArm[];
  sticky?: ExperimentSticky;
  /** Default `sequential`. */
  test?: ExperimentTest;
  /** Default `feedback`. */
  primaryMetric?: ExperimentMetric;
  /** Thompson-sampling allocation; without it the arms keep their weights. */
  allocation?: BanditAllocationInput;
}

/** Route weights from traffic shares (percent, three decimals). */
export function weightsOf(shares: readonly number[]): number[] {
  return shares.map((share) => Math.max(Math.round(share * 100_000) / 1000, 0.001));
}

export class ExperimentService {
  readonly #store: Store;
  readonly #routes: RouteService;
  readonly #versionIdsOf: (projectId: string, target: string) => Promise<string[]>;
  readonly #now: () => number;

  constructor(options: { store: Store; routes: RouteService; versionIdsOf?: (projectId: string, target: string) => Promise<string[]>; now?: () => number }) {
    this.#store = options.store;
    this.#routes = options.routes;
    this.#versionIdsOf = options.versionIdsOf ?? (async () => []);
    this.#now = options.now ?? Date.now;
  }

  get store(): Store {
    return this.#store;
  }

  get routes(): RouteService {
    return this.#routes;
  }

  async start(actor: Actor, input: StartExperimentInput): Promise<ExperimentRecord> {
    if (input.arms.length < 2) throw invalid('an experiment needs at least two arms');
    if (new Set(input.arms.map((a) => a.name)).size !== input.arms.length) throw invalid('arm names must be unique');
    assertWeights(input.arms.map((a) => a.weight));
    const allocation = input.allocation ? resolveBandit(input.allocation, input.arms.length) : null;
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
      started_at: this.#now(),
      stopped_at: null,
      winner: null,
      created_by: actor.id,
      test: input.test ?? 'sequential',
      primary_metric: input.primaryMetric ?? 'feedback',
      allocation_json: allocation ? JSON.stringify(allocation) : null,
      decision_seq: 0,
      next_decision_at: allocation ? this.#now() + allocation.intervalSeconds * 1000 : null,
    };
    const total = input.arms.reduce((sum, a) => sum + a.weight, 0);
    try {
      await this.#store.transaction(async (tx) => {
        await tx.insertInto('route_experiments').values(row).execute();
        if (allocation) {
          const shares = Object.fromEntries(input.arms.map((a) => [a.name, a.weight / total]));
          await this.recordDecision(tx, row, { seq: 0, kind: 'start', shares, probabilityBest: {}, rewards: {}, winner: null, reason: 'started with the declared weights', revision: null, at: row.started_at });
        }
        await recordAudit(tx, { actor, action: 'experiments.start', resourceType: 'experiment', resourceId: row.id, after: { route: row.route, arms: input.arms, sticky } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new StewardError({ code: 'EXPERIMENT_RUNNING', message: `route ${input.route} already has a running experiment`, details: { route: input.route } });
      throw error;
    }
    try {
      await this.#routes.put(actor, config, `experiment ${row.id} (${input.name}) started`);
    } catch (error) {
      await this.#store.db.updateTable('route_experiments').set({ status: 'stopped', active_route: null, stopped_at: this.#now() }).where('id', '=', row.id).execute();
      throw error;
    }
    return this.get(actor.projectId, row.id);
  }

  /** An experiment of the project; another project's is EXPERIMENT_NOT_FOUND. */
  async get(projectId: string, id: string, db: Db = this.#store.db): Promise<ExperimentRecord> {
    return toExperimentRecord(await this.#row(db, projectId, id));
  }

  async list(projectId: string, route?: string): Promise<ExperimentRecord[]> {
    let q = this.#store.db.selectFrom('route_experiments').selectAll().where('project_id', '=', projectId).orderBy('started_at', 'desc').limit(200);
    if (route) q = q.where('route', '=', route);
    return (await q.execute()).map(toExperimentRecord);
  }

  /** Live comparison of the arms over the experiment's window. */
  async results(projectId: string, id: string, options: { alpha?: number; now?: number } = {}): Promise<ExperimentResults> {
    const alpha = options.alpha ?? 0.05;
    const { experiment, byArm, unassigned } = await this.armSamples(projectId, id, options.now ?? this.#now());
    const control = experiment.arms[0].name;
    const comparisons = experiment.arms.slice(1).map((arm, i) => ({ arm: arm.name, metrics: compareArms(byArm[0], byArm[i + 1], alpha) }));
    const sequential = experiment.arms.slice(1).map((arm, i) => ({ arm: arm.name, metrics: compareArmsSequentially(byArm[0], byArm[i + 1], { alpha }) }));
    return {
      experiment,
      control,
      arms: experiment.arms.map((arm, i) => summarizeArm(arm.name, byArm[i])),
      comparisons,
      sequential,
      verdict: decideExperiment({ test: experiment.test, metric: experiment.primaryMetric, alpha, control, comparisons: experiment.test === 'sequential' ? sequential : comparisons }),
      unassigned,
    };
  }

  /** The experiment's requests up to `now`, split by arm (in arm order). */
  async armSamples(projectId: string, id: string, now: number): Promise<{ experiment: ExperimentRecord; byArm: RouteSample[][]; unassigned: number }> {
    const row = await this.#row(this.#store.db, projectId, id);
    const experiment = toExperimentRecord(row);
    const until = row.stopped_at === null ? now + 1 : Number(row.stopped_at);
    const samples = await loadRouteSamples(this.#store.db, projectId, row.route, Number(row.started_at), until);
    const matchers = await Promise.all(experiment.arms.map(async (arm) => targetMatcher(arm.model, await this.#versionIdsOf(projectId, arm.model))));
    const byArm = experiment.arms.map((): RouteSample[] => []);
    let unassigned = 0;
    for (const sample of samples) {
      const index = matchers.findIndex((match) => match(sample));
      if (index === -1) unassigned++;
      else byArm[index].push(sample);
    }
    return { experiment, byArm, unassigned };
  }

  /** The experiment's decisions, oldest first. */
  async decisions(projectId: string, id: string): Promise<ExperimentDecision[]> {
    await this.#row(this.#store.db, projectId, id);
    const rows = await this.#store.db.selectFrom('experiment_decisions').selectAll().where('project_id', '=', projectId).where('experiment_id', '=', id).orderBy('seq').execute();
    return rows.map(toExperimentDecision);
  }

  /** Writes one decision of the experiment's history. */
  async recordDecision(db: Db, row: RouteExperimentsTable, d: Omit<ExperimentDecision, 'at'> & { at: number }): Promise<void> {
    await db
      .insertInto('experiment_decisions')
      .values({
        id: newId('exd'),
        project_id: row.project_id ?? '',
        experiment_id: row.id,
        seq: d.seq,
        at: d.at,
        kind: d.kind,
        shares_json: JSON.stringify(d.shares),
        detail_json: decisionDetailJson({ probabilityBest: d.probabilityBest, rewards: d.rewards, revision: d.revision }),
        winner: d.winner,
        reason: d.reason,
      })
      .execute();
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
      const done = await tx.updateTable('route_experiments').set({ status: 'stopped', active_route: null, stopped_at: this.#now(), winner: winner?.name ?? null, next_decision_at: null }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new StewardError({ code: 'CONFLICT', message: `experiment ${id} is already stopped` });
      await recordAudit(tx, { actor, action: 'experiments.stop', resourceType: 'experiment', resourceId: id, after: { winner: winner?.name ?? null, reason: options.reason ?? '' } });
    });
    if (config) await this.#routes.put(actor, config, `experiment ${id} stopped${winner ? `: ${winner.name} wins` : ''}${options.reason ? ` (${options.reason})` : ''}`);
    return this.get(actor.projectId, id);
  }

  async row(db: Db, projectId: string, id: string): Promise<RouteExperimentsTable> {
    return this.#row(db, projectId, id);
  }

  async #row(db: Db, projectId: string, id: string): Promise<RouteExperimentsTable> {
    const row = await db.selectFrom('route_experiments').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new StewardError({ code: 'EXPERIMENT_NOT_FOUND', message: `experiment ${id} not found` });
    return row;
  }
}
