// `steward rollback`, `steward routes diff`, `steward rollout start|status|events|pause|resume|abort`,
// `steward experiments start|list|results|stop`.
import type { Command } from 'commander';
import type { RequestBodyOf } from '@steward/sdk';
import { ROLLOUT_ACTIONS } from '../../deployments/rollout-actions.js';
import { stewardClient } from '../cli-client.js';
import { CliError } from '../cli-error.js';
import { printJson, printTable } from '../output.js';

function number(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${what} must be a number, not ${value}`);
  return n;
}

/** The `routes` command group, shared with the gateway's route commands if they registered it. */
function routesGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'routes') ?? program.command('routes').description('Routes: the names clients call');
}

export function registerRolloutCommands(program: Command): void {
  program
    .command('rollback <route>')
    .description('Roll a route back to its previous revision (or --to N) in one step')
    .option('--to <revision>', 'the revision to go back to')
    .option('--reason <text>')
    .option('--json', 'print JSON')
    .action(async (route: string, o: { to?: string; reason?: string; json?: boolean }) => {
      const query = o.to === undefined ? {} : { to: number(o.to, '--to') };
      const r = await stewardClient().post('/api/routes/{name}/rollback', { params: { path: { name: route }, query }, body: { reason: o.reason } });
      if (o.json) return printJson(r);
      process.stdout.write(`${route}: revision ${r.revision} restores revision ${r.rolledBackTo}\n`);
    });

  routesGroup(program)
    .command('diff <route> <a> <b>')
    .description('What changed between two revisions of a route')
    .option('--json', 'print JSON')
    .action(async (route: string, a: string, b: string, o: { json?: boolean }) => {
      const d = await stewardClient().get('/api/routes/{name}/diff', { params: { path: { name: route }, query: { a: number(a, 'a'), b: number(b, 'b') } } });
      if (o.json) return printJson(d);
      if (d.changes.length === 0) return void process.stdout.write('no changes\n');
      for (const c of d.changes) {
        const sign = c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~';
        const value = c.kind === 'changed' ? `${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}` : JSON.stringify(c.kind === 'added' ? c.after : c.before);
        process.stdout.write(`${sign} ${c.path}: ${value}\n`);
      }
    });

  const rollout = program.command('rollout').description('Canary rollouts on routes');
  rollout
    .command('start <route> <target>')
    .description('Roll a target onto a route in steps, guarded by live error rate, p95 latency and feedback')
    .option('--steps <list>', 'comma-separated percentages ending at 100', '5,25,50,100')
    .option('--min-step-seconds <s>', 'minimum time per step', '300')
    .option('--min-requests <n>', 'minimum canary requests per step', '50')
    .option('--max-error-rate-increase <x>', 'allowed error-rate increase (0–1)')
    .option('--max-p95-ratio <x>', 'allowed p95 latency ratio to baseline')
    .option('--max-feedback-drop <x>', 'allowed drop of the feedback mean')
    .option('--gate <model:gate>', 'a registry gate the target must pass before promotion')
    .option('--reason <text>')
    .option('--json', 'print JSON')
    .action(async (route: string, target: string, o: Record<string, string | boolean | undefined>) => {
      const gate = typeof o.gate === 'string' ? o.gate.split(':') : undefined;
      if (gate && gate.length !== 2) throw new CliError('--gate takes model:gate');
      const optional = (key: string) => (typeof o[key] === 'string' ? number(o[key] as string, key) : undefined);
      const r = await stewardClient().post('/api/rollouts', {
        body: {
        route,
        target,
        steps: String(o.steps).split(',').map((s) => number(s.trim(), '--steps')),
        minStepSeconds: number(String(o.minStepSeconds), '--min-step-seconds'),
        minRequests: number(String(o.minRequests), '--min-requests'),
        guards: { maxErrorRateIncrease: optional('maxErrorRateIncrease'), maxP95LatencyRatio: optional('maxP95Ratio'), maxFeedbackDrop: optional('maxFeedbackDrop'), evalGate: gate ? { model: gate[0], gate: gate[1] } : undefined },
        reason: o.reason,
        } as RequestBodyOf<'/api/rollouts'>,
      });
      if (o.json) return printJson(r);
      process.stdout.write(`rollout ${r.id}: ${r.percent}% of ${r.route} to ${r.target} (steps ${r.steps.join(' → ')})\n`);
    });

  rollout
    .command('status [idOrRoute]')
    .description('One rollout by id, the rollouts of a route by its name, or every rollout')
    .option('--route <route>')
    .option('--json', 'print JSON')
    .action(async (ref: string | undefined, o: { route?: string; json?: boolean }) => {
      const steward = stewardClient();
      // Rollout ids are `ro_…`; anything else names a route, as everywhere else in the CLI.
      const id = ref?.startsWith('ro_') ? ref : undefined;
      const route = id ? undefined : (ref ?? o.route);
      const data = id ? [await steward.get('/api/rollouts/{id}', { params: { path: { id } } })] : (await steward.get('/api/rollouts', { params: { query: { route: route || undefined } } })).data;
      if (route && data.length === 0) throw new CliError(`no rollout of route ${route}`);
      if (o.json) return printJson(id ? data[0] : data);
      printTable(data, ['id', 'route', 'target', 'status', 'percent', 'steps', 'reason']);
    });

  rollout
    .command('events <id>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const { data } = await stewardClient().get('/api/rollouts/{id}/events', { params: { path: { id } } });
      if (o.json) return printJson(data);
      printTable(data, ['at', 'kind', 'message']);
    });

  for (const action of ROLLOUT_ACTIONS) {
    rollout
      .command(`${action} <id>`)
      .option('--reason <text>')
      .option('--json', 'print JSON')
      .action(async (id: string, o: { reason?: string; json?: boolean }) => {
        const path = action === 'pause' ? '/api/rollouts/{id}/pause' : action === 'resume' ? '/api/rollouts/{id}/resume' : '/api/rollouts/{id}/abort';
        const r = await stewardClient().post(path, { params: { path: { id } }, body: { reason: o.reason } });
        if (o.json) return printJson(r);
        process.stdout.write(`rollout ${r.id} is ${r.status}\n`);
      });
  }

  const experiments = program.command('experiments').description('A-B experiments on routes');
  experiments
    .command('start <route> <name>')
    .description('Start an experiment: --arm name=target:weight (two or more)')
    .requiredOption('--arm <spec...>', 'name=target:weight, e.g. control=support-002:50')
    .option('--sticky <by>', 'user or key', 'user')
    .option('--json', 'print JSON')
    .action(async (route: string, name: string, o: { arm: string[]; sticky: string; json?: boolean }) => {
      const arms = o.arm.map((spec) => {
        const match = /^([^=]+)=(.+):([^:]+)$/.exec(spec);
        if (!match) throw new CliError(`--arm ${spec}: expected name=target:weight`);
        return { name: match[1], model: match[2], weight: number(match[3], 'weight') };
      });
      const e = await stewardClient().post('/api/experiments', { body: { route, name, arms, sticky: o.sticky } as RequestBodyOf<'/api/experiments'> });
      if (o.json) return printJson(e);
      process.stdout.write(`experiment ${e.id} running on ${route}\n`);
    });

  experiments
    .command('list')
    .option('--route <route>')
    .option('--json', 'print JSON')
    .action(async (o: { route?: string; json?: boolean }) => {
      const { data } = await stewardClient().get('/api/experiments', { params: { query: { route: o.route || undefined } } });
      if (o.json) return printJson(data);
      printTable(data, ['id', 'route', 'name', 'status', 'winner', 'startedAt']);
    });

  experiments
    .command('results <id>')
    .description('Live comparison of the arms with confidence intervals and p-values')
    .option('--alpha <a>', 'significance level', '0.05')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { alpha: string; json?: boolean }) => {
      const r = await stewardClient().get('/api/experiments/{id}/results', { params: { path: { id }, query: { alpha: number(o.alpha, '--alpha') } } });
      if (o.json) return printJson(r);
      printTable(r.arms, ['arm', 'requests', 'errorRate', 'latencyMeanMs', 'latencyP95Ms', 'costMeanUsd', 'feedbackMean']);
      for (const c of r.comparisons) {
        process.stdout.write(`\n${c.arm} vs ${r.control}\n`);
        const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3));
        printTable(
          c.metrics.map((m) => ({ metric: m.metric, control: fmt(m.control), treatment: fmt(m.treatment), difference: fmt(m.difference), ci: `[${fmt(m.lower)}, ${fmt(m.upper)}]`, p: m.pValue.toPrecision(3), verdict: m.significant ? (m.treatmentBetter ? 'better' : 'worse') : 'no difference' })),
          ['metric', 'control', 'treatment', 'difference', 'ci', 'p', 'verdict'],
        );
      }
    });

  experiments
    .command('stop <id>')
    .option('--winner <arm>', 'the arm that takes the route')
    .option('--reason <text>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { winner?: string; reason?: string; json?: boolean }) => {
      const e = await stewardClient().post('/api/experiments/{id}/stop', { params: { path: { id } }, body: { winner: o.winner, reason: o.reason } });
      if (o.json) return printJson(e);
      process.stdout.write(`experiment ${e.id} stopped${e.winner ? `; ${e.winner} takes the route` : ''}\n`);
    });
}
