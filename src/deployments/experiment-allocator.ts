// Takes the bandit experiments' decisions on a schedule: for each running experiment whose next
// decision is due, one replica wins the compare-and-set on `decision_seq`, reads each arm's rewards,
// draws the Thompson allocation from a seed derived from the decision number, writes the route's new
// weights (the gateway picks a target by those weights, as for any weighted route), records the
// decision, and stops the experiment when the stopping rule names a winner.
import type { Actor } from '../governance/index.js';
import { PeriodicTask } from '../scheduling/index.js';
import type { RouteExperimentsTable } from '../store/index.js';
import { type BanditAllocation, armRewards, banditDecision } from './experiment-bandit.js';
import type { ExperimentDecision } from './experiment-records.js';
import { type ExperimentService, weightsOf } from './experiment-service.js';

export interface ExperimentAllocatorOptions {
  experiments: ExperimentService;
  /** The actor route writes are recorded under (the system); it acts in each experiment's own project. */
  actor: Actor;
  /** How often due experiments are looked for (default 30 s). */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export type AllocationOutcome = { experiment: string; action: 'skipped' } | { experiment: string; action: 'allocated' | 'stopped'; decision: ExperimentDecision };

export class ExperimentAllocator {
  readonly #o: ExperimentAllocatorOptions;
  #task: PeriodicTask | undefined;

  constructor(options: ExperimentAllocatorOptions) {
    this.#o = options;
  }

  start(): void {
    this.#task ??= new PeriodicTask({ intervalMs: this.#o.intervalMs ?? 30_000, run: () => this.tick(Date.now()), onError: this.#o.onError });
    this.#task.start();
  }

  async stop(): Promise<void> {
    await this.#task?.stop();
  }

  /** One pass over the due bandit experiments; tests call it with their own clock. */
  async tick(now: number): Promise<AllocationOutcome[]> {
    const db = this.#o.experiments.store.db;
    const due = await db
      .selectFrom('route_experiments')
      .selectAll()
      .where('status', '=', 'running')
      .where('allocation_json', 'is not', null)
      .where('next_decision_at', '<=', now)
      .orderBy('started_at')
      .execute();
    const outcomes: AllocationOutcome[] = [];
    for (const row of due) {
      try {
        outcomes.push(await this.#decide(row, now));
      } catch (error) {
        this.#o.onError?.(error);
      }
    }
    return outcomes;
  }

  async #decide(row: RouteExperimentsTable, now: number): Promise<AllocationOutcome> {
    const experiments = this.#o.experiments;
    const db = experiments.store.db;
    const seq = Number(row.decision_seq) + 1;
    const bandit = JSON.parse(row.allocation_json ?? '{}') as BanditAllocation;
    const claim = await db
      .updateTable('route_experiments')
      .set({ decision_seq: seq, next_decision_at: now + bandit.intervalSeconds * 1000 })
      .where('id', '=', row.id)
      .where('decision_seq', '=', Number(row.decision_seq))
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return { experiment: row.id, action: 'skipped' };
    const projectId = row.project_id ?? this.#o.actor.projectId;
    const actor: Actor = { ...this.#o.actor, projectId };
    const { experiment, byArm } = await experiments.armSamples(projectId, row.id, now);
    const rewards = experiment.arms.map((arm, i) => armRewards(arm.name, byArm[i], bandit));
    const d = banditDecision(rewards, bandit, seq);
    const byName = <T>(values: readonly T[]) => Object.fromEntries(experiment.arms.map((arm, i) => [arm.name, values[i]]));
    const rewardsByArm = byName(rewards.map((r, i) => ({ n: r.n, mean: d.posteriorMeans[i] === null ? null : r.sum / r.n })));
    const stopping = d.winner !== null && bandit.autoStop;
    let revision: number | null = null;
    let reason: string;
    if (stopping) {
      reason = `${d.winner} is best on ${bandit.reward} with probability ${Math.max(...d.probabilityBest).toFixed(4)} (stop at ${bandit.stopProbability})`;
    } else {
      const route = experiments.routes.get(projectId, row.route);
      if (route) {
        const weights = weightsOf(d.shares);
        const written = await experiments.routes.put(actor, { ...route.config, policy: 'weighted', targets: experiment.arms.map((arm, i) => ({ model: arm.model, weight: weights[i] })) }, `experiment ${row.id} decision ${seq}: Thompson allocation on ${bandit.reward}`);
        revision = written.revision;
      }
      reason = d.winner !== null ? `${d.winner} is best with probability ≥ ${bandit.stopProbability}; autoStop is off` : rewards.some((r) => r.n < bandit.minSamples) ? `waiting for ${bandit.minSamples} rewards per arm` : `allocation follows P(best) above the floor ${bandit.floor}`;
    }
    const decision: ExperimentDecision = {
      seq,
      at: new Date(now).toISOString(),
      kind: stopping ? 'stop' : 'allocation',
      shares: byName(stopping ? experiment.arms.map((arm) => (arm.name === d.winner ? 1 : 0)) : d.shares),
      probabilityBest: byName(d.probabilityBest),
      rewards: rewardsByArm,
      winner: d.winner,
      reason,
      revision,
    };
    await experiments.recordDecision(db, row, { ...decision, at: now });
    if (stopping && d.winner !== null) {
      await experiments.stop(actor, row.id, { winner: d.winner, reason: `bandit stopping rule: ${reason}` });
      return { experiment: row.id, action: 'stopped', decision };
    }
    return { experiment: row.id, action: 'allocated', decision };
  }
}
