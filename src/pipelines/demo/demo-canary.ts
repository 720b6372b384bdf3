// Drives one canary of the demo: each period the simulated users send their requests, the clock
// skips to the end of the period, and the rollout controller takes its decision on that traffic
// (wait, next step, promote, or roll back when a guard breaks). The controller's own timer is
// stopped by the demo, so every decision is one of these ticks and each is printed.
import type { RolloutController, RolloutService, TickOutcome } from '../../deployments/index.js';
import type { SimulatedClock } from './simulated-clock.js';
import type { SimulatedUsers, Visit } from './simulated-users.js';

export interface CanaryDrive {
  controller: RolloutController;
  rollouts: RolloutService;
  users: SimulatedUsers;
  clock: SimulatedClock;
  projectId: string;
  route: string;
  candidate: string;
  visitsPerPeriod: number;
  periodMs: number;
  maxPeriods: number;
  line: (text: string) => void;
}

export type CanaryEnd = Extract<TickOutcome, { action: 'completed' | 'rolled_back' }>;

/** `right/total` of some visits, e.g. `9/10 right`. */
export function score(visits: readonly Visit[]): string {
  return `${visits.filter((v) => v.correct).length}/${visits.length} right`;
}

/** `uppercase 2/2, reverse 1/3`: per task, wrong answers of those asked (tasks with none left out). */
export function wrongByTask(visits: readonly Visit[]): string {
  return [...new Set(visits.map((v) => v.task))]
    .flatMap((t) => {
      const asked = visits.filter((v) => v.task === t);
      const bad = asked.filter((v) => !v.correct).length;
      return bad > 0 ? [`${t} ${bad}/${asked.length}`] : [];
    })
    .join(', ');
}

/** Runs periods of traffic until the rollout of `candidate` on the route is promoted or rolled back. */
export async function driveCanary(d: CanaryDrive): Promise<CanaryEnd> {
  const [rollout] = await d.rollouts.list(d.projectId, { route: d.route, status: 'running' });
  if (!rollout) throw new Error(`no running rollout on ${d.route}`);
  for (let period = 1; period <= d.maxPeriods; period++) {
    const visits = await d.users.visit(d.visitsPerPeriod);
    d.clock.advance(d.periodMs);
    const outcome = (await d.controller.tick(Date.now())).find((o) => o.rollout === rollout.id);
    const canary = visits.filter((v) => v.servedBy === d.candidate);
    const baseline = visits.filter((v) => v.servedBy !== d.candidate);
    const wrong = wrongByTask(canary);
    d.line(`${visits.length} requests: canary ${canary.length} (${score(canary)}${wrong ? `; wrong: ${wrong}` : ''}), baseline ${baseline.length} (${score(baseline)}) → ${describe(outcome, d.candidate)}`);
    if (outcome?.action === 'completed' || outcome?.action === 'rolled_back') return outcome;
  }
  throw new Error(`the rollout on ${d.route} was neither promoted nor rolled back after ${d.maxPeriods} periods`);
}

function describe(o: TickOutcome | undefined, candidate: string): string {
  switch (o?.action) {
    case 'step':
      return `controller: ${o.percent}% of traffic to ${candidate}`;
    case 'completed':
      return `controller: ${o.reason}`;
    case 'rolled_back':
      return `controller ROLLED BACK: ${o.reason}`;
    case 'waiting':
      return 'controller: holds this step (needs more time or canary requests)';
    default:
      return 'controller: skipped (another replica holds the lease)';
  }
}
