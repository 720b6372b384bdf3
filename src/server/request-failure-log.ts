// How a failed request is logged: a failure of something Steward depends on (an upstream provider,
// the store, Redis) is one warn line with the trace id and no stack — the stack goes to debug — and
// only Steward's own faults are errors with their stack.
import type { FastifyRequest } from 'fastify';
import type { StewardError } from '../errors/index.js';

/** Codes that mean another system failed, not Steward. */
const DEPENDENCY_CODES = new Set(['STORE_UNAVAILABLE', 'NOT_READY', 'SHUTTING_DOWN', 'QUEUE_FULL', 'CIRCUIT_OPEN']);

export function isDependencyFailure(error: StewardError): boolean {
  return error.code.startsWith('UPSTREAM_') || DEPENDENCY_CODES.has(error.code);
}

/** Logs a request that ended in `failure` (the error as mapped) with `status`; 4xx answers are not logged. */
export function logRequestFailure(request: FastifyRequest, thrown: unknown, failure: StewardError, status: number): void {
  if (status < 500) return;
  const traceId = request.stewardTraceId;
  if (isDependencyFailure(failure)) {
    request.log.warn({ traceId, code: failure.code, status, url: request.url.split('?')[0] }, failure.message);
    request.log.debug({ traceId, err: thrown }, 'upstream failure, with its stack');
    return;
  }
  request.log.error({ traceId, code: failure.code, err: thrown }, 'request failed');
}
