// The observers of finished gateway calls: the interface, and the trace and settlement observers
// (the Prometheus one lives in src/server, which owns the metrics registry).
export type { CallObserver } from './call-observer.js';
export { SettlementObserver } from './settlement-observer.js';
export { TraceObserver } from './trace-observer.js';
