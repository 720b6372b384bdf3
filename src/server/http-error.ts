// The one place that turns an error into an HTTP status and body: the management shape
// `{"error":{"code","message","details"}}` under /api, OpenAI's shape under /v1.
import { ERROR_CATALOGUE, type ErrorCode, StewardError } from '../errors/index.js';
import { anthropicErrorOf } from '../gateway/surfaces/messages/anthropic-error.js';
import { isStoreUnavailable } from '../store/index.js';

/** What a 503 STORE_UNAVAILABLE tells clients to wait before retrying. */
const STORE_RETRY_AFTER_SECONDS = 5;

export interface HttpErrorResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type ErrorShape = 'management' | 'openai' | 'anthropic';

/** The shape of errors for a request path: Anthropic's on /v1/messages, OpenAI's on the rest of /v1. */
export function errorShapeOf(url: string): ErrorShape {
  if (url === '/v1/messages' || url.startsWith('/v1/messages/') || url.startsWith('/v1/messages?')) return 'anthropic';
  return url.startsWith('/v1') ? 'openai' : 'management';
}

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
  validation?: unknown;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  // Router errors (Fastify's frameworkErrors): bad percent-encoding, an over-long path parameter.
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URL_TOO_LONG',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
};

/** OpenAI's `type` for a status. */
function openAiType(status: number, code: ErrorCode): string {
  if (code === 'RATE_LIMITED' || code === 'QUEUE_FULL') return 'rate_limit_exceeded';
  if (code === 'BUDGET_EXCEEDED') return 'insufficient_quota';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'invalid_request_error';
  if (status >= 500) return status === 503 ? 'service_unavailable' : 'api_error';
  return 'invalid_request_error';
}

/** Converts anything thrown into a StewardError with a catalogue code. */
export function toStewardError(error: unknown): StewardError {
  if (error instanceof StewardError && !(error.code === 'INTERNAL' && isStoreUnavailable(error.cause))) return error;
  const candidate = error as FastifyLikeError & { issues?: ZodLikeIssue[] };
  if (candidate && Array.isArray(candidate.validation)) {
    const issues = candidate.validation as { instancePath?: string; message?: string; params?: { issue?: ZodLikeIssue } }[];
    const details = issues.map((i) => ({ path: i.instancePath || i.params?.issue?.path?.join('.') || '', message: i.message ?? 'invalid' }));
    // Every issue in the message, as the services' own validators do: a client fixes them all at once.
    const message = details.map((d) => `${d.path ? `${d.path.replace(/^\//, '').replaceAll('/', '.')}: ` : ''}${d.message}`).join('; ');
    return new StewardError({ code: 'VALIDATION_FAILED', message: message || 'invalid request', details });
  }
  if (candidate && typeof candidate.code === 'string' && FASTIFY_CODES[candidate.code]) {
    return new StewardError({ code: FASTIFY_CODES[candidate.code], message: candidate.message, cause: error });
  }
  // The store being away is not a bug: 503 with a hint when to retry, never 500.
  if (isStoreUnavailable(error)) {
    return new StewardError({ code: 'STORE_UNAVAILABLE', message: 'the store does not answer; retry shortly', retryAfterSeconds: STORE_RETRY_AFTER_SECONDS, cause: error });
  }
  if (candidate && typeof candidate.statusCode === 'number' && candidate.statusCode >= 400 && candidate.statusCode < 500) {
    return new StewardError({ code: 'VALIDATION_FAILED', status: candidate.statusCode, message: candidate.message, cause: error });
  }
  return new StewardError({ code: 'INTERNAL', cause: error });
}

/** Builds the response for an error in the requested shape. */
export function errorResponse(error: unknown, shape: ErrorShape): HttpErrorResponse {
  const err = toStewardError(error);
  const headers: Record<string, string> = {};
  if (err.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(0, Math.ceil(err.retryAfterSeconds)));
  // Internal errors keep their message on the server log: a client sees only the catalogue text.
  const message = err.code === 'INTERNAL' ? ERROR_CATALOGUE.INTERNAL.message : err.message;
  if (shape === 'anthropic') {
    const failure = anthropicErrorOf(err);
    return { status: failure.status, headers, body: { type: 'error', error: { type: failure.type, message } } };
  }
  if (shape === 'openai') {
    const rawParam = typeof err.details === 'object' && err.details !== null && 'param' in err.details ? (err.details as { param: unknown }).param : null;
    const param = rawParam === null || rawParam === undefined ? null : String(rawParam);
    return {
      status: err.status,
      headers,
      body: { error: { message, type: openAiType(err.status, err.code), param, code: err.code.toLowerCase() } },
    };
  }
  return { status: err.status, headers, body: { error: { code: err.code, message, details: err.details ?? null } } };
}
