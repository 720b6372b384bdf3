// Gates and canary guards derived from a use case's KPIs: the KPIs an evaluation run can check
// become one gate per dataset (`exact_match >= 0.8`, `latency_p95 <= 800` on the golden set),
// which a rollout's guard can require before promotion on each linked model.
import { type LiveKpiMetric, isLiveKpiMetric } from './use-case-schema.js';
import type { UseCase } from './use-case-schema.js';

// The run figure a gate rule reads for a live KPI; the others (feedback, cache, p99, cost per
// request) have no figure on an evaluation run, so they stay live-only.
const GATE_SUBJECTS: Partial<Record<LiveKpiMetric, string>> = { latency_p50_ms: 'latency_p50', latency_p95_ms: 'latency_p95', latency_avg_ms: 'latency_mean', error_rate: 'call_error_rate' };

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
    const subject = isLiveKpiMetric(kpi.metric) ? GATE_SUBJECTS[kpi.metric] : kpi.metric;
    if (!dataset || !subject) continue;
    const rules = byDataset.get(dataset) ?? [];
    rules.push(`${subject} ${kpi.op} ${kpi.threshold}`);
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
