// The one error base class of Steward: domain code throws it with a stable code from the
// catalogue; only the HTTP layer turns it into a status and a body.
import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue.js';

/** Options for {@link StewardError}; `message` defaults to the catalogue's text for the code. */
export interface StewardErrorOptions {
  code: ErrorCode;
  message?: string;
  details?: unknown;
  cause?: unknown;
  /** Overrides the catalogue status (rare: an upstream's own status passed through). */
  status?: number;
  /** Seconds a client should wait before trying again (429, 503). */
  retryAfterSeconds?: number;
}

/**
 * A failure a user can act on. `code` is stable and listed once in {@link ERROR_CATALOGUE}.
 *
 * @example
 * throw new StewardError({ code: 'NOT_FOUND', message: `model ${name} not found` });
 */
export class StewardError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;

  constructor(options: StewardErrorOptions) {
    const entry = ERROR_CATALOGUE[options.code];
    super(options.message ?? entry.message, { cause: options.cause });
    this.name = 'StewardError';
    this.code = options.code;
    this.status = options.status ?? entry.status;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static is(value: unknown): value is StewardError {
    return value instanceof StewardError;
  }
}

/** Shorthand for the commonest throws. */
export function notFound(what: string, details?: unknown): StewardError {
  return new StewardError({ code: 'NOT_FOUND', message: `${what} not found`, details });
}

export function conflict(message: string, details?: unknown): StewardError {
  return new StewardError({ code: 'CONFLICT', message, details });
}

export function invalid(message: string, details?: unknown): StewardError {
  return new StewardError({ code: 'VALIDATION_FAILED', message, details });
}
