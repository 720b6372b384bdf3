// Conclude: when the candidate passed its gate (and its canary completed, the run stops before this
// step otherwise), the alias moves to it; when the gate said no, the migration is blocked and says
// so as a metric point (`migration.<route>.blocked` = 1) that an alert rule can watch, carrying the
// evaluation's verdict, well before the discontinuation date.
import type { ModelStages } from '../../registry/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';

/** Where the migration records its outcome (the monitoring part's metric points). */
export interface MigrationOutcomeSink {
  recordPoint(input: { projectId: string; metric: string; value: number; at?: number; route?: string; labels?: Record<string, string> }): Promise<void>;
}

/** The metrics a migration on `route` records: an alert rule may name them before the first run. */
export const migrationMetrics = (route: string) => [`migration.${route}.blocked`, `migration.${route}.migrated`];

export class ConcludeMigrationStep implements PipelineStep {
  readonly name = 'conclude';
  constructor(private readonly deps: { modelStages: ModelStages; outcomes: MigrationOutcomeSink; now?: () => number }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const plan = ctx.migration;
    const spec = ctx.definition.migration;
    if (!plan || !spec || !ctx.modelVersionName) return { status: 'failed', detail: 'no migration plan' };
    const at = (this.deps.now ?? Date.now)();
    const labels = { discontinued: plan.discontinued, date: plan.date, candidate: ctx.modelVersionName, run: ctx.runId };
    if (ctx.gatePassed === false) {
      await this.deps.outcomes.recordPoint({ projectId: ctx.actor.projectId, metric: `migration.${plan.route}.blocked`, value: 1, at, route: plan.route, labels: { ...labels, verdict: ctx.gateVerdict ?? 'the gate did not pass' } });
      const detail = `blocked: ${ctx.modelVersionName} did not pass the gate (${ctx.gateVerdict ?? 'see the evaluate step'}); ${plan.route} stays on ${plan.current} until ${plan.date.slice(0, 10)} — recorded migration.${plan.route}.blocked = 1 for alerts`;
      ctx.say(detail);
      return { status: 'succeeded', detail };
    }
    let moved = '';
    if (spec.alias) {
      const [model, alias] = spec.alias.split('@');
      await this.deps.modelStages.setAlias(ctx.actor, model, alias, { version: ctx.modelVersionName, reason: `migration run ${ctx.runId}: ${plan.discontinued} is discontinued on ${plan.date.slice(0, 10)}` });
      moved = `; ${spec.alias} → ${ctx.modelVersionName}`;
    }
    await this.deps.outcomes.recordPoint({ projectId: ctx.actor.projectId, metric: `migration.${plan.route}.migrated`, value: 1, at, route: plan.route, labels });
    const detail = `migrated ${plan.route} off ${plan.discontinued} to ${ctx.modelVersionName}${moved}`;
    ctx.say(detail);
    return { status: 'succeeded', detail };
  }
}
