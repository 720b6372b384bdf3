// Use cases: the scope of a project's work — objective, owners, KPIs (metric + threshold) linked to
// routes, models, datasets and gates — with each KPI's live and offline status and derived gates.
export { LIVE_KPI_METRICS, KPI_OPERATORS, KpiSchema, UseCaseSchema, isLiveKpiMetric, type Kpi, type KpiOperator, type LiveKpiMetric, type UseCase, type UseCaseInput } from './use-case-schema.js';
export { type UseCaseRecord, definitionOf, toUseCaseRecord } from './use-case-records.js';
export { UseCaseService, parseUseCase } from './use-case-service.js';
export { KPI_STATES, type KpiState, type KpiStatus, type UseCaseStatus, type LiveReading, type OfflineReading, kpiStatus, meets } from './kpi-status.js';
export { type DerivedGate, type DerivedGuards, deriveGates, deriveGuards } from './derive-gates.js';
