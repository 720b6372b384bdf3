// The one failure of a gateway call: a StewardError (catalogue code, status, message) that also
// carries the upstream attempts made and, for a limit refusal, the limit that refused it. The trace
// reads the fields; the HTTP layer turns `limits` into headers. No field is hidden.
import type { TraceAttempt } from '../../monitoring/traces/index.js';
import { StewardError, type StewardErrorOptions } from '../../errors/index.js';
import type { LimitStatus } from './call-outcome.js';

export interface GatewayCallErrorOptions extends StewardErrorOptions {
  /** Every upstream attempt made before the call failed (none when it failed before the targets). */
  attempts?: readonly TraceAttempt[];
  /** The limit that refused the call (RATE_LIMITED, BUDGET_EXCEEDED). */
  limits?: LimitStatus;
}

/**
 * @example
 * throw new GatewayCallError({ code: 'UPSTREAM_TIMEOUT', message: 'no answer', attempts });
 */
export class GatewayCallError extends StewardError {
  readonly attempts: readonly TraceAttempt[];
  readonly limits: LimitStatus | undefined;

  constructor(options: GatewayCallErrorOptions) {
    super(options);
    this.name = 'GatewayCallError';
    this.attempts = options.attempts ?? [];
    this.limits = options.limits;
  }

  /** The code the trace records (the catalogue code, e.g. CLIENT_CLOSED when the client went away). */
  get traceCode(): string {
    return this.code;
  }

  /**
   * Any failure as a GatewayCallError: a StewardError keeps its code, status, message and details;
   * anything else is INTERNAL with the failure as its cause. Attempts given replace none recorded.
   */
  static from(error: unknown, attempts?: readonly TraceAttempt[]): GatewayCallError {
    if (error instanceof GatewayCallError) {
      return attempts === undefined || error.attempts.length > 0 ? error : error.withAttempts(attempts);
    }
    if (error instanceof StewardError) {
      return new GatewayCallError({
        code: error.code,
        status: error.status,
        message: error.message,
        details: error.details,
        cause: error.cause,
        retryAfterSeconds: error.retryAfterSeconds,
        attempts,
      });
    }
    return new GatewayCallError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), cause: error, attempts });
  }

  /** The client went away before the answer was complete. */
  static clientClosed(attempts: readonly TraceAttempt[]): GatewayCallError {
    return new GatewayCallError({ code: 'CLIENT_CLOSED', message: 'the client closed the stream', attempts });
  }

  withAttempts(attempts: readonly TraceAttempt[]): GatewayCallError {
    return new GatewayCallError({ code: this.code, status: this.status, message: this.message, details: this.details, cause: this.cause, retryAfterSeconds: this.retryAfterSeconds, attempts, limits: this.limits });
  }
}
