// Gates and canary guards derived from a use case's KPIs: the offline KPIs become one gate per
// dataset (`exact_match >= 0.8` on the golden set), which a rollout's guard can require before
// promotion on each linked model.
import type { UseCase } from './use-case-schema.js';

export interface DerivedGate {
  name: string;
  rules: string[];
  dataset: string;
  description: string;
}

export interface DerivedGuards {
  /** The rollout guard that checks the derived gate on the canary before promotion, per linked model. */
  evalGates: { model: string; gate: string }[];
}

/** One gate per dataset the use case's KPIs are measured on offline. */
export function deriveGates(useCase: UseCase): DerivedGate[] {
  const byDataset = new Map<string, string[]>();
  for (const kpi of useCase.kpis) {
    const dataset = kpi.dataset ?? useCase.datasets[0];
    if (!dataset) continue;
    const rules = byDataset.get(dataset) ?? [];
    rules.push(`${kpi.metric} ${kpi.op} ${kpi.threshold}`);
    byDataset.set(dataset, rules);
  }
  const many = byDataset.size > 1;
  return [...byDataset].map(([dataset, rules]) => ({
    name: many ? `${useCase.name}-kpis-${dataset}`.slice(0, 100) : `${useCase.name}-kpis`.slice(0, 100),
    rules,
    dataset,
    description: `derived from the KPIs of use case ${useCase.name}`,
  }));
}

export function deriveGuards(useCase: UseCase, gates: readonly DerivedGate[]): DerivedGuards {
  return { evalGates: useCase.models.flatMap((model) => gates.map((g) => ({ model, gate: g.name }))) };
}
