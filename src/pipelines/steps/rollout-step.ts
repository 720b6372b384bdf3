// Canary: when the gate passed, a progressive rollout of the candidate on the route; the rollout
// controller promotes it step by step or rolls it back on live metrics, and this step waits for
// that outcome.
import type { RolloutService } from '../../deployments/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';
import { waitUntil } from './wait-until.js';

export class RolloutStep implements PipelineStep {
  readonly name = 'rollout';
  constructor(private readonly deps: { rollouts: RolloutService }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const spec = ctx.definition.rollout;
    if (!ctx.gatePassed) return { status: 'skipped', detail: 'the gate did not pass: nothing rolled out' };
    if (!spec) return { status: 'skipped', detail: 'no rollout configured: the candidate stays a candidate' };
    if (!ctx.modelVersionName) return { status: 'failed', detail: 'no candidate version to roll out' };
    const rollout = await this.deps.rollouts.start(ctx.actor, { route: spec.route, target: ctx.modelVersionName, steps: spec.steps, minStepSeconds: spec.minStepSeconds, minRequests: spec.minRequests, guards: spec.guards, reason: `pipeline run ${ctx.runId}` });
    const artifacts = [{ kind: 'rollout' as const, id: rollout.id, label: `${spec.route} → ${ctx.modelVersionName}` }];
    ctx.say(`canary rollout ${rollout.id} of ${ctx.modelVersionName} on ${spec.route} (${rollout.steps.join('% → ')}%)`);
    const final = await waitUntil(async () => {
      const r = await this.deps.rollouts.get(ctx.actor.projectId, rollout.id);
      return r.status === 'running' || r.status === 'paused' ? undefined : r;
    }, spec.timeoutSeconds * 1000, 500);
    if (!final) return { status: 'failed', detail: `rollout ${rollout.id} still running after ${spec.timeoutSeconds}s`, artifacts };
    const promoted = final.status === 'completed';
    // The controller's reason names the guard, the measured values and the limit that decided.
    const why = final.reason ? `: ${final.reason}` : '';
    ctx.say(promoted ? `promoted ${ctx.modelVersionName} to 100% of ${spec.route}` : `rollout ${final.status.replace('_', ' ')}${why}; ${spec.route} is back on its baseline and ${ctx.modelVersionName} was not promoted`);
    return { status: promoted ? 'succeeded' : 'failed', detail: promoted ? 'promoted' : `${final.status.replace('_', ' ')}${why}`, artifacts };
  }
}
