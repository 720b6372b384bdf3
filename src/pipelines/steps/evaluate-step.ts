// Evaluate and gate: runs the evaluation dataset against the candidate and against what
// production answers with now, item by item with greedy decoding, and compares the two runs
// paired (mean difference with a bootstrap confidence interval). The gate passes when the
// candidate is not worse than production by more than the tolerance or, with `require: better`,
// only when the interval of (candidate − production) lies above zero.
import type { EvalService } from '../../evals/index.js';
import type { PipelineContext, PipelineStep, StepOutcome } from '../pipeline-step.js';
import { waitUntil } from './wait-until.js';

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

export class EvaluateStep implements PipelineStep {
  readonly name = 'evaluate';
  constructor(private readonly deps: { evals: EvalService }) {}

  async run(ctx: PipelineContext): Promise<StepOutcome> {
    const spec = ctx.definition.evaluate;
    if (!spec) {
      ctx.gatePassed = true;
      return { status: 'skipped', detail: 'no evaluation configured: the candidate is not gated' };
    }
    if (!ctx.modelVersionName) return { status: 'failed', detail: 'no candidate version to evaluate' };
    const [modelName] = ctx.modelVersionName.split(/-(?=\d+$)/);
    const metrics = [{ metric: spec.metric }];
    // Greedy decoding: the gate compares the models, not two draws of their sampling.
    const base = { dataset: spec.dataset, ...(spec.version !== undefined ? { datasetVersion: spec.version } : {}), metrics, params: { temperature: 0 } } as const;
    const candidate = await this.deps.evals.createRun(ctx.actor, { ...base, name: `pipeline ${ctx.runId} candidate`, target: ctx.modelVersionName, model: { name: modelName, version: ctx.modelVersionName } });
    const production = await this.deps.evals.createRun(ctx.actor, { ...base, name: `pipeline ${ctx.runId} production`, target: spec.production });
    const artifacts = [
      { kind: 'eval_run' as const, id: candidate.id, label: `candidate ${ctx.modelVersionName}` },
      { kind: 'eval_run' as const, id: production.id, label: `production ${spec.production}` },
    ];
    ctx.say(`evaluating ${ctx.modelVersionName} against ${spec.production} on ${spec.dataset} (${spec.metric})`);
    const finished = (id: string) => async () => {
      const run = await this.deps.evals.getRun(ctx.actor.projectId, id);
      return run.status === 'queued' || run.status === 'running' ? undefined : run;
    };
    const [c, p] = await Promise.all([waitUntil(finished(candidate.id), spec.timeoutSeconds * 1000), waitUntil(finished(production.id), spec.timeoutSeconds * 1000)]);
    if (!c || !p) return { status: 'failed', detail: `evaluation did not finish within ${spec.timeoutSeconds}s`, artifacts };
    if (c.status !== 'completed' || p.status !== 'completed') return { status: 'failed', detail: `evaluation ${c.status}/${p.status}: ${c.error ?? p.error ?? ''}`, artifacts };
    const score = (run: typeof c) => run.summary?.metrics[spec.metric]?.mean ?? null;
    const cs = score(c);
    const ps = score(p);
    if (cs === null || ps === null) return { status: 'failed', detail: `no ${spec.metric} score (candidate ${cs}, production ${ps})`, artifacts };
    // Without a paired comparison (no items scored by both) only the `not_worse` rule can decide.
    const paired = await this.deps.evals
      .compare(ctx.actor.projectId, production.id, candidate.id)
      .then((r) => r.metrics.find((m) => m.metric === spec.metric))
      .catch(() => undefined);
    const interval = paired ? `, difference ${signed(paired.difference)} (${Math.round(paired.ci.confidence * 100)}% CI ${signed(paired.ci.lower)} … ${signed(paired.ci.upper)}, p ${paired.pValue.toFixed(4)}, n ${paired.n})` : '';
    if (spec.require === 'better') {
      ctx.gatePassed = paired !== undefined && paired.ci.lower > 0;
    } else ctx.gatePassed = cs >= ps - spec.tolerance;
    const rule = spec.require === 'better' ? 'requires the interval above 0' : `tolerance ${spec.tolerance}`;
    const detail = `${spec.metric}: candidate ${cs.toFixed(3)} vs production ${ps.toFixed(3)}${interval}; ${rule} → gate ${ctx.gatePassed ? 'passed' : 'failed'}`;
    ctx.say(detail);
    ctx.gateVerdict = detail;
    return { status: 'succeeded', detail, artifacts };
  }
}
