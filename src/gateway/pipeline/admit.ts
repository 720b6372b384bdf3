// The admit stage: the call's limit scopes (its key's, and its route's per project), and their
// worst-case reservation through the metering. Refusals are GatewayCallErrors carrying the LimitStatus.
import type { Actor } from '../../governance/index.js';
import type { CallRequest } from '../call/call-record.js';
import type { KeyLimits } from '../limits/key-limits.js';
import type { LimitScope } from '../limits/limit-enforcer.js';
import type { Meter, Metering } from '../limits/metering.js';
import type { CallPlan } from './call-plan.js';

export function limitScopes(actor: Actor, plan: CallPlan, keyLimits: KeyLimits): LimitScope[] {
  const key = actor.id ?? 'system';
  const scopes: LimitScope[] = [{ kind: 'key', id: key, limits: keyLimits.for(key) }];
  // Route names are per project: the counter of project A's `chat` is not project B's.
  if (plan.route) scopes.push({ kind: 'route', id: `${plan.route.projectId}/${plan.route.name}`, limits: plan.route.config.limits });
  return scopes;
}

/**
 * Reserves the call's worst case under every limited scope.
 * @throws GatewayCallError RATE_LIMITED or BUDGET_EXCEEDED (429)
 */
export function admit(metering: Metering, keyLimits: KeyLimits, actor: Actor, plan: CallPlan, request: CallRequest): Promise<Meter> {
  return metering.admit(limitScopes(actor, plan, keyLimits), plan, request);
}
