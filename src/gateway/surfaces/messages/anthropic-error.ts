// Steward's errors in Anthropic's words: the error `type` and HTTP status Anthropic's clients expect
// (the SDKs pick their exception class by status), 529 overloaded_error when the upstream was overloaded.
import { ERROR_CATALOGUE, StewardError } from '../../../errors/index.js';

export interface AnthropicError {
  status: number;
  type: string;
  message: string;
}

/** Anthropic's status for an overloaded upstream. */
export const OVERLOADED_STATUS = 529;

function upstreamStatusOf(error: StewardError): number | undefined {
  const details = error.details as { upstreamStatus?: unknown } | undefined;
  return typeof details?.upstreamStatus === 'number' ? details.upstreamStatus : undefined;
}

/** The Anthropic error for a StewardError (anything else is an api_error without its message). */
export function anthropicErrorOf(error: unknown): AnthropicError {
  if (!(error instanceof StewardError) || error.code === 'INTERNAL') return { status: 500, type: 'api_error', message: ERROR_CATALOGUE.INTERNAL.message };
  const message = error.message;
  const upstream = upstreamStatusOf(error);
  if (upstream === OVERLOADED_STATUS || error.code === 'UPSTREAM_UNAVAILABLE') return { status: OVERLOADED_STATUS, type: 'overloaded_error', message };
  const status = error.status;
  if (status === 400 || status === 422) return { status: 400, type: 'invalid_request_error', message };
  if (status === 401) return { status, type: 'authentication_error', message };
  if (status === 403) return { status, type: 'permission_error', message };
  if (status === 404) return { status, type: 'not_found_error', message };
  if (status === 413) return { status, type: 'request_too_large', message };
  if (status === 429) return { status, type: 'rate_limit_error', message };
  if (status === 504) return { status, type: 'timeout_error', message };
  if (status === 503) return { status: OVERLOADED_STATUS, type: 'overloaded_error', message };
  if (status >= 500) return { status, type: 'api_error', message };
  return { status, type: 'invalid_request_error', message };
}
