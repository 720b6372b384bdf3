// Writes a call's trace: the record becomes one TraceRecord (bodies as the route's privacy allows)
// and goes to the trace writer's journal.
import type { TraceWriter } from '../../monitoring/traces/index.js';
import type { CallRecord } from '../call/call-record.js';
import { type BodyPolicy, storedRequest, storedResponse } from '../tracing/trace-bodies.js';
import type { CallObserver } from './call-observer.js';

export class TraceObserver implements CallObserver {
  readonly #traces: TraceWriter;
  readonly #defaultPolicy: BodyPolicy;

  constructor(options: { traces: TraceWriter; storeBodies: boolean }) {
    this.#traces = options.traces;
    this.#defaultPolicy = { store: options.storeBodies, redact: false };
  }

  called(record: CallRecord): void {
    const privacy = record.plan?.route?.config.privacy;
    const policy = privacy ? { store: privacy.storeBodies, redact: privacy.redactStored } : this.#defaultPolicy;
    const { plan, target, error } = record;
    this.#traces.write({
      id: record.traceId,
      projectId: record.actor.projectId,
      createdAt: record.endedAt,
      endpoint: record.endpoint,
      surface: record.surface,
      requestedModel: record.requestedModel,
      route: plan?.route?.name ?? null,
      routeRevision: plan?.route?.revision ?? null,
      provider: target?.resolved.provider ?? null,
      model: target?.resolved.model ?? null,
      versionId: target?.resolved.versionId ?? null,
      promptVersionId: record.promptVersionId,
      stream: record.stream,
      keyId: record.actor.id,
      userPseudonym: record.userPseudonym,
      batchId: record.batchId,
      status: error ? 'error' : 'ok',
      httpStatus: error ? error.status : 200,
      errorCode: error ? error.traceCode : null,
      errorMessage: error ? error.message : null,
      cacheHit: record.cacheHit,
      tokensIn: record.tokensIn,
      tokensOut: record.tokensOut,
      costUsd: record.costUsd,
      ttftMs: record.ttftMs === null ? null : round(record.ttftMs),
      latencyMs: round(record.latencyMs),
      overheadMs: record.overheadMs === null ? null : round(record.overheadMs),
      attempts: [...record.attempts],
      request: storedRequest(record.endpoint, record.request, policy, record.userPseudonym),
      response: storedResponse(record.endpoint, record.answer, policy),
    });
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
