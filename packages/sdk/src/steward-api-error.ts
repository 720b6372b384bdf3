// The errors a call throws: the server's answer with its catalogue code, or no answer at all.
import type { ErrorCode } from './generated/error-codes.js';

export interface StewardApiErrorOptions {
  status: number;
  method: string;
  url: string;
  /** The parsed error body (JSON) or its text. */
  body: unknown;
  /** From `retry-after`, when the server sent one. */
  retryAfterMs?: number;
}

/**
 * A non-2xx answer. `code` is the catalogue code of a management error (`NOT_FOUND`,
 * `RATE_LIMITED`…), or the `code`/`type` of an OpenAI- or Anthropic-shaped `/v1` error.
 */
export class StewardApiError extends Error {
  override readonly name = 'StewardApiError';
  readonly status: number;
  /** The error code Steward answered with; `undefined` when the body carried none. */
  readonly code: ErrorCode | (string & {}) | undefined;
  /** The server's message; `undefined` when the body carried none. */
  readonly serverMessage: string | undefined;
  readonly details: unknown;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly retryAfterMs: number | undefined;

  constructor(options: StewardApiErrorOptions) {
    const error = errorObjectOf(options.body);
    const code = stringField(error, 'code') ?? stringField(error, 'type');
    const serverMessage = stringField(error, 'message');
    super(serverMessage === undefined ? `HTTP ${options.status} from ${options.method} ${pathOf(options.url)}` : `${code ?? options.status}: ${serverMessage}`);
    this.status = options.status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.details = error?.details;
    this.method = options.method;
    this.url = options.url;
    this.body = options.body;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether the same call may succeed later (408, 409, 429 or ≥ 500). */
  get isRetryable(): boolean {
    return this.status === 408 || this.status === 409 || this.status === 429 || this.status >= 500;
  }
}

/** The request never got an answer: the server is down, the name does not resolve, the connection broke. */
export class StewardConnectionError extends Error {
  override readonly name = 'StewardConnectionError';
  readonly baseUrl: string;
  readonly url: string;

  constructor(options: { baseUrl: string; url: string; cause: unknown }) {
    super(`cannot reach Steward at ${options.baseUrl} (${describeCause(options.cause)})`, { cause: options.cause });
    this.baseUrl = options.baseUrl;
    this.url = options.url;
  }
}

function errorObjectOf(body: unknown): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  if (error !== null && typeof error === 'object') return error as Record<string, unknown>;
  // POST /graphql refuses a request in the GraphQL shape: its first error, the code in extensions.
  const errors = (body as { errors?: unknown }).errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (first === null || typeof first !== 'object') return undefined;
  const extensions = (first as { extensions?: unknown }).extensions;
  const fields = extensions !== null && typeof extensions === 'object' ? (extensions as Record<string, unknown>) : {};
  return { code: fields.code, message: (first as { message?: unknown }).message, details: fields.details };
}

function stringField(object: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/** A system error code (`ECONNREFUSED`) when there is one: shorter and clearer than "fetch failed". */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: { code?: unknown } }).cause;
    return typeof inner?.code === 'string' ? inner.code : cause.message;
  }
  return String(cause);
}
