// Plan: reads the route's targets and the registry when the run starts, and names what is being
// discontinued, when, and what replaces it — the other migration steps act on this plan.
import { invalid } from '../../errors/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';
import { type MigrationReads, describePlan, findMigration } from './find-migration.js';

export class PlanMigrationStep implements PipelineStep {
  readonly name = 'plan';
  constructor(private readonly deps: { reads: MigrationReads }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const spec = ctx.definition.migration;
    if (!spec) throw invalid('a migration pipeline needs its migration section');
    const found = await findMigration(this.deps.reads, ctx.actor.projectId, spec);
    if (!('plan' in found)) return { status: 'failed', detail: `nothing to migrate: ${found.reason}` };
    ctx.migration = found.plan;
    const detail = describePlan(found.plan);
    ctx.say(detail);
    return { status: 'succeeded', detail };
  }
}
