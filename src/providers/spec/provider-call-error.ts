// The error every provider throws when an upstream call fails, with what the gateway needs to
// decide on a retry or a fallback (Vercel AI SDK's APICallError is the model).
import { StewardError } from '../../errors/index.js';

const RETRYABLE_STATUSES = new Set([408, 409, 429]);

export interface ProviderCallErrorOptions {
  provider: string;
  message: string;
  url?: string;
  /** The upstream's HTTP status; undefined for connection errors and timeouts. */
  statusCode?: number;
  responseBody?: string;
  /** Seconds, from the upstream's `retry-after` header. */
  retryAfterSeconds?: number;
  timeout?: boolean;
  cause?: unknown;
}

/** An upstream call that failed; `isRetryable` is true for 408, 409, 429, ≥ 500, timeouts and connection errors. */
export class ProviderCallError extends StewardError {
  readonly provider: string;
  readonly url: string | undefined;
  readonly statusCode: number | undefined;
  readonly responseBody: string | undefined;
  readonly isRetryable: boolean;
  readonly isTimeout: boolean;

  constructor(options: ProviderCallErrorOptions) {
    const { statusCode, timeout = false } = options;
    super({
      code: timeout ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_ERROR',
      message: options.message,
      cause: options.cause,
      retryAfterSeconds: options.retryAfterSeconds,
      details: { provider: options.provider, statusCode },
    });
    this.name = 'ProviderCallError';
    this.provider = options.provider;
    this.url = options.url;
    this.statusCode = statusCode;
    this.responseBody = options.responseBody;
    this.isTimeout = timeout;
    this.isRetryable =
      timeout || statusCode === undefined || RETRYABLE_STATUSES.has(statusCode) || statusCode >= 500;
  }
}
