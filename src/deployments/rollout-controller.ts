// Moves running rollouts through their steps. Each tick, for each running rollout, one replica
// takes a lease by compare-and-set on the row (others skip it), reads the step's live traffic,
// and either waits, rolls back (a guard broke), writes the next step, or promotes. It acts within the
// project of the rollout: its route, traces, registry versions and gates are that project's.
import type { Actor } from '../governance/index.js';
import type { RouteConfig } from '../gateway/index.js';
import { PeriodicTask } from '../scheduling/index.js';
import type { RolloutsTable } from '../store/index.js';
import { type RolloutGuards, checkGuards, configAtStep, promotedConfig } from './rollout-plan.js';
import type { RolloutVerdict } from './rollout-records.js';
import type { RolloutService } from './rollout-service.js';
import { loadRouteSamples, targetMatcher } from './route-samples.js';

export type TickOutcome =
  | { rollout: string; action: 'skipped' | 'waiting' }
  | { rollout: string; action: 'step'; percent: number }
  | { rollout: string; action: 'rolled_back' | 'completed'; reason: string };

export interface RolloutControllerOptions {
  rollouts: RolloutService;
  /** The actor route writes are recorded under (the system); it acts in each rollout's own project. */
  actor: Actor;
  /** Registry version ids a target resolves to in the project, to recognise its traces. */
  versionIdsOf?: (projectId: string, target: string) => Promise<string[]>;
  /** Checks a registry gate of the project on the target before promotion. */
  checkGate?: (projectId: string, model: string, target: string, gate: string) => Promise<{ passed: boolean; reason: string }>;
  intervalMs?: number;
  leaseMs?: number;
  onError?: (error: unknown) => void;
}

export class RolloutController {
  readonly #o: RolloutControllerOptions;
  #task: PeriodicTask | undefined;

  constructor(options: RolloutControllerOptions) {
    this.#o = options;
  }

  /** Ticks every `intervalMs` (default 10 s) until stop(). */
  start(): void {
    // A tick still running makes the next one skip: a slow store never stacks overlapping passes.
    this.#task ??= new PeriodicTask({ intervalMs: this.#o.intervalMs ?? 10_000, run: () => this.tick(Date.now()), onError: this.#o.onError });
    this.#task.start();
  }

  async stop(): Promise<void> {
    await this.#task?.stop();
  }

  /** One pass over every running rollout; tests call it with their own clock. */
  async tick(now: number = Date.now()): Promise<TickOutcome[]> {
    const db = this.#o.rollouts.store.db;
    const rows = await db.selectFrom('rollouts').selectAll().where('status', '=', 'running').orderBy('created_at').execute();
    const outcomes: TickOutcome[] = [];
    for (const row of rows) {
      try {
        outcomes.push(await this.#advance(row, now));
      } catch (error) {
        this.#o.onError?.(error);
        await this.#release(row.id, Number(row.version) + 1);
      }
    }
    return outcomes;
  }

  async #advance(row: RolloutsTable, now: number): Promise<TickOutcome> {
    const db = this.#o.rollouts.store.db;
    const claimedVersion = Number(row.version) + 1;
    const claim = await db
      .updateTable('rollouts')
      .set({ version: claimedVersion, lease_until: now + (this.#o.leaseMs ?? 60_000) })
      .where('id', '=', row.id)
      .where('version', '=', Number(row.version))
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return { rollout: row.id, action: 'skipped' };
    const claimed: RolloutsTable = { ...row, version: claimedVersion };
    const projectId = row.project_id ?? this.#o.actor.projectId;
    const actor: Actor = { ...this.#o.actor, projectId };

    const steps = JSON.parse(row.steps_json) as number[];
    const guards = JSON.parse(row.guards_json) as RolloutGuards;
    const index = Number(row.step_index);
    const samples = await loadRouteSamples(db, projectId, row.route, Number(row.step_started_at), now + 1);
    const isCanary = targetMatcher(row.target, (await this.#o.versionIdsOf?.(projectId, row.target)) ?? []);
    const canary = samples.filter(isCanary);
    const baseline = samples.filter((s) => !isCanary(s));
    const enough = canary.length >= Number(row.min_requests);
    const rollouts = this.#o.rollouts;

    // The sequential guards share the rollout's alpha across its steps (each step is a new window).
    const verdict = checkGuards(canary, baseline, guards, { stepAlpha: (guards.alpha ?? 0.05) / steps.length });
    const seen: RolloutVerdict = { at: new Date(now).toISOString(), percent: steps[index], ok: verdict.ok, reason: verdict.reason, test: verdict.test, checks: verdict.checks, canaryRequests: canary.length, baselineRequests: baseline.length, enough };
    await db.updateTable('rollouts').set({ verdict_json: JSON.stringify(seen) }).where('id', '=', row.id).execute();
    if (enough) {
      if (!verdict.ok) {
        const reason = `guard broken at ${steps[index]}%: ${verdict.reason}`;
        await rollouts.finish(actor, claimed, 'rolled_back', reason);
        return { rollout: row.id, action: 'rolled_back', reason };
      }
    }
    if (!enough || now - Number(row.step_started_at) < Number(row.min_step_ms)) {
      await this.#release(row.id, claimedVersion);
      return { rollout: row.id, action: 'waiting' };
    }

    const baselineConfig = JSON.parse(row.baseline_json) as RouteConfig;
    if (index + 1 >= steps.length) {
      if (guards.evalGate && this.#o.checkGate) {
        const gate = await this.#o.checkGate(projectId, guards.evalGate.model, row.target, guards.evalGate.gate);
        if (!gate.passed) {
          const reason = `eval gate ${guards.evalGate.gate} did not pass: ${gate.reason}`;
          await rollouts.event(row.id, 'gate_failed', reason);
          await rollouts.finish(actor, claimed, 'rolled_back', reason);
          return { rollout: row.id, action: 'rolled_back', reason };
        }
      }
      const reason = `promoted ${row.target} after ${steps.length} steps`;
      await rollouts.finish(actor, claimed, 'completed', reason, promotedConfig(baselineConfig, row.target));
      return { rollout: row.id, action: 'completed', reason };
    }

    const percent = steps[index + 1];
    const written = await rollouts.routes.put(actor, configAtStep(baselineConfig, row.target, percent), `rollout ${row.id}: ${percent}% to ${row.target}`);
    await db
      .updateTable('rollouts')
      .set({ step_index: index + 1, step_started_at: now, last_revision: written.revision, version: claimedVersion + 1, lease_until: null, updated_at: now })
      .where('id', '=', row.id)
      .where('version', '=', claimedVersion)
      .execute();
    await rollouts.event(row.id, 'step', `${percent}% of ${row.route} to ${row.target}`, { percent, revision: written.revision, canaryRequests: canary.length, baselineRequests: baseline.length });
    return { rollout: row.id, action: 'step', percent };
  }

  async #release(id: string, version: number): Promise<void> {
    await this.#o.rollouts.store.db.updateTable('rollouts').set({ lease_until: null }).where('id', '=', id).where('version', '=', version).execute();
  }
}
